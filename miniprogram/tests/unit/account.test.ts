import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, errorBody, resetTaro, taro } from './fakeTaro'
import {
  acceptProxy, completeFaceVerification, declineProxy, finishSandboxFace, getFaceConsentText, getNotificationSettings,
  grantFaceConsent, inviteProxy, listConsents, listProxies, revokeProxy, startFaceVerification, updateNotificationSettings,
  updatePreferences, withdrawFaceConsent,
} from '../../src/api/account'
import { saveTokens } from '../../src/api/tokens'

beforeEach(() => {
  resetTaro()
  saveTokens({ access_token: 'acc', refresh_token: 'ref' })
})

describe('consents', () => {
  it('reads the public consent text without a token', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { kind: 'face', version: '2026-11', text_zh: '同意书', text_en: 'x' }))
    await expect(getFaceConsentText()).resolves.toMatchObject({ version: '2026-11' })
    const [call] = calls()
    expect(call).toMatchObject({ url: '/api/v1/consents/face', method: 'GET' })
    expect(call.header).not.toHaveProperty('Authorization')
  })

  it('lists, grants and withdraws the face consent', async () => {
    taro.request
      .mockResolvedValueOnce(answer(200, { items: [], total: 0 }))
      .mockResolvedValueOnce(answer(201, { kind: 'face', version: '2026-11', granted_at: '2026-11-20T10:00:00+08:00' }))
      .mockResolvedValueOnce(answer(204, ''))
    await listConsents()
    await grantFaceConsent('2026-11')
    await withdrawFaceConsent()
    const [list, grant, withdraw] = calls()
    expect(list).toMatchObject({ url: '/api/v1/me/consents', method: 'GET' })
    expect(grant).toMatchObject({ url: '/api/v1/me/consents', method: 'POST', data: { kind: 'face', version: '2026-11' } })
    expect(withdraw).toMatchObject({ url: '/api/v1/me/consents/face', method: 'DELETE' })
    expect(grant.header.Authorization).toBe('Bearer acc')
  })
})

describe('face verification', () => {
  it('starts and completes a check', async () => {
    taro.request
      .mockResolvedValueOnce(answer(201, { id: 'fv/1', provider: 'sandbox', purpose: 'account', client_payload: { sandbox_ref: 'sbx1' }, expires_at: 'x' }))
      .mockResolvedValueOnce(answer(200, { id: 'fv/1', purpose: 'account', status: 'passed', face_ticket: 't1' }))
    const started = await startFaceVerification('account')
    const done = await completeFaceVerification(started.id)
    expect(done.face_ticket).toBe('t1')
    const [start, complete] = calls()
    expect(start).toMatchObject({ url: '/api/v1/face-verifications', method: 'POST', data: { purpose: 'account' } })
    expect(complete).toMatchObject({ url: '/api/v1/face-verifications/fv%2F1/complete', method: 'POST' })
  })

  it('passes CONSENT_REQUIRED on as an ApiError', async () => {
    taro.request.mockResolvedValueOnce(answer(409, errorBody('CONSENT_REQUIRED', '需要同意', { consent: 'face' })))
    await expect(startFaceVerification('proxy_accept')).rejects.toMatchObject({ status: 409, code: 'CONSENT_REQUIRED' })
  })

  it('plays the sandbox without a token, and reports a missing sandbox as 404', async () => {
    taro.request
      .mockResolvedValueOnce(answer(204, ''))
      .mockResolvedValueOnce(answer(404, errorBody('NOT_FOUND', '找不到')))
    await finishSandboxFace('sbx1', 'passed')
    await expect(finishSandboxFace('gone', 'failed')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' })
    const [pass, missing] = calls()
    expect(pass).toMatchObject({ url: '/api/v1/_sandbox/face/sbx1', method: 'POST', data: { result: 'passed' } })
    expect(pass.header).not.toHaveProperty('Authorization')
    expect(missing.data).toEqual({ result: 'failed' })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('proxies', () => {
  it('lists, invites, accepts, declines and revokes', async () => {
    for (let i = 0; i < 5; i++) taro.request.mockResolvedValueOnce(answer(i === 1 ? 201 : 200, { items: [], total: 0 }))
    await listProxies()
    await inviteProxy('13700137000', 'parent')
    await acceptProxy(4, 'ticket-1')
    await declineProxy(5)
    await revokeProxy(6)
    expect(calls().map((c) => [c.method, c.url, c.data])).toEqual([
      ['GET', '/api/v1/proxies', undefined],
      ['POST', '/api/v1/proxies', { grantor_phone: '13700137000', relation: 'parent' }],
      ['POST', '/api/v1/proxies/4/accept', { face_ticket: 'ticket-1' }],
      ['POST', '/api/v1/proxies/5/decline', undefined],
      ['POST', '/api/v1/proxies/6/revoke', undefined],
    ])
  })
})

describe('settings', () => {
  it('reads and changes notification settings with PUT', async () => {
    taro.request
      .mockResolvedValueOnce(answer(200, { channel: 'auto', reminders: true, progress: true }))
      .mockResolvedValueOnce(answer(200, { channel: 'sms', reminders: true, progress: true }))
    await getNotificationSettings()
    await expect(updateNotificationSettings({ channel: 'sms' })).resolves.toMatchObject({ channel: 'sms' })
    const [get, put] = calls()
    expect(get).toMatchObject({ url: '/api/v1/me/notification-settings', method: 'GET' })
    expect(put).toMatchObject({ url: '/api/v1/me/notification-settings', method: 'PUT', data: { channel: 'sms' } })
  })

  it('saves elderly mode to the account', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { elderly_mode: true }))
    await expect(updatePreferences(true)).resolves.toEqual({ elderly_mode: true })
    expect(calls()[0]).toMatchObject({ url: '/api/v1/me/preferences', method: 'PUT', data: { elderly_mode: true } })
  })

  it('passes a missing preferences endpoint on as 404 (the page keeps the local choice)', async () => {
    taro.request.mockResolvedValueOnce(answer(404, errorBody('NOT_FOUND', '找不到')))
    await expect(updatePreferences(false)).rejects.toMatchObject({ status: 404 })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})
