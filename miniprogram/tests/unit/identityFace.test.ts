import { describe, expect, it } from 'vitest'

import { faceAction, faceOutcome, hasCurrentConsent, realNameStep, stepIndex } from '../../src/utils/identityFace'

describe('realNameStep', () => {
  it('asks for a phone first at L0', () => {
    expect(realNameStep(0, 3, 'unknown')).toBe('phone')
    expect(realNameStep(0, 2, 'granted')).toBe('phone')
  })

  it('goes consent, name and ID, face, done when aiming for L3', () => {
    expect(realNameStep(1, 3, 'unknown')).toBe('consent')
    expect(realNameStep(1, 3, 'granted')).toBe('identity')
    expect(realNameStep(2, 3, 'granted')).toBe('face')
    expect(realNameStep(3, 3, 'granted')).toBe('done')
  })

  it('asks for consent before the face check when real name is already bound', () => {
    expect(realNameStep(2, 3, 'unknown')).toBe('consent')
  })

  it('lets a resident who refuses the face consent still bind a real name, then stops', () => {
    expect(realNameStep(1, 3, 'declined')).toBe('identity')
    expect(realNameStep(2, 3, 'declined')).toBe('done')
  })

  it('skips the consent and the face check when the page only needs real name (L2)', () => {
    expect(realNameStep(1, 2, 'unknown')).toBe('identity')
    expect(realNameStep(2, 2, 'unknown')).toBe('done')
    expect(realNameStep(3, 2, 'unknown')).toBe('done')
  })

  it('numbers the steps', () => {
    expect(['phone', 'consent', 'identity', 'face', 'done'].map((s) => stepIndex(s as never))).toEqual([0, 0, 1, 2, 3])
  })
})

describe('hasCurrentConsent', () => {
  it('needs the current version of that kind', () => {
    const list = [{ kind: 'face', version: '2026-01' }, { kind: 'other', version: '2026-11' }]
    expect(hasCurrentConsent(list, 'face', '2026-01')).toBe(true)
    expect(hasCurrentConsent(list, 'face', '2026-11')).toBe(false)
    expect(hasCurrentConsent([], 'face', '2026-11')).toBe(false)
  })
})

describe('faceAction', () => {
  it('runs the sandbox page on any platform', () => {
    for (const platform of ['h5', 'weapp', 'alipay']) {
      expect(faceAction('sandbox', platform, { sandbox_ref: 'sbx1' })).toEqual({ kind: 'sandbox', ref: 'sbx1' })
    }
  })

  it("runs WeChat's face check only inside WeChat", () => {
    expect(faceAction('wechat', 'weapp', { verify_id: 'v1' })).toEqual({ kind: 'wechat', verifyId: 'v1' })
    expect(faceAction('wechat', 'h5', { verify_id: 'v1' })).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('微信') })
  })

  it("runs Alipay's certify only inside Alipay", () => {
    expect(faceAction('alipay', 'alipay', { certify_id: 'c1', url: 'https://x' })).toEqual({ kind: 'alipay', certifyId: 'c1', url: 'https://x' })
    expect(faceAction('alipay', 'weapp', { certify_id: 'c1' })).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('支付宝') })
  })

  it("opens a provider's https page on H5 only", () => {
    expect(faceAction('tencent', 'h5', { biz_token: 't', url: 'https://face.example/x' })).toEqual({ kind: 'web', url: 'https://face.example/x' })
    expect(faceAction('tencent', 'h5', { url: 'http://face.example/x' }).kind).toBe('unsupported')
    expect(faceAction('tencent', 'weapp', { url: 'https://face.example/x' }).kind).toBe('unsupported')
  })

  it('refuses a payload without what the SDK needs', () => {
    expect(faceAction('sandbox', 'h5', {}).kind).toBe('unsupported')
    expect(faceAction('wechat', 'weapp', { verify_id: 5 }).kind).toBe('unsupported')
    expect(faceAction('alipay', 'alipay', {}).kind).toBe('unsupported')
  })
})

describe('faceOutcome', () => {
  it('says what each status means', () => {
    expect(faceOutcome('passed').tone).toBe('passed')
    expect(faceOutcome('pending').tone).toBe('waiting')
    for (const status of ['failed', 'cancelled', 'expired', 'weird']) expect(faceOutcome(status).tone).toBe('retry')
    expect(faceOutcome('failed').text).toContain('窗口')
  })
})
