/**
 * 实名认证 and face verification as pure decisions: which step the resident is on, how a face
 * check runs on this platform with what the server sent, and what its result means in words.
 * Pure: no @tarojs import.
 */

/** The resident's answer to the face consent on this visit: given (on the server), refused here, or not asked yet. */
export type ConsentState = 'granted' | 'declined' | 'unknown'

/** phone: verify a phone first (L0); consent: the face consent screen; identity: name + ID; face: the face check; done. */
export type RealNameStep = 'phone' | 'consent' | 'identity' | 'face' | 'done'

/**
 * The step to show. `target` is the level the resident is going for (3 unless a page only asked
 * for real name). The consent comes first when the face check is wanted (PIPL: separate consent
 * before face processing); a resident who refuses still binds a real name, and the face check
 * is then left to a hall window (never the only way).
 */
export function realNameStep (level: number, target: number, consent: ConsentState): RealNameStep {
  if (level >= target) return 'done'
  if (level < 1) return 'phone'
  if (target >= 3 && consent === 'unknown') return 'consent'
  if (level < 2) return 'identity'
  if (target >= 3 && consent === 'granted') return 'face'
  return 'done'
}

/** The three numbered steps shown at the top of 实名认证, and which one `step` belongs to (0-based; 3 when done). */
export const STEP_TITLES = ['同意授权', '填写信息', '刷脸核验'] as const

export function stepIndex (step: RealNameStep): number {
  if (step === 'phone' || step === 'consent') return 0
  if (step === 'identity') return 1
  if (step === 'face') return 2
  return 3
}

/** Whether the consents list holds the current version of `kind`. */
export function hasCurrentConsent (
  consents: readonly { kind: string, version: string }[],
  kind: string,
  version: string,
): boolean {
  return consents.some((c) => c.kind === kind && c.version === version)
}

/** What the app does with a started face check on this platform. */
export type FaceAction =
  | { kind: 'wechat', verifyId: string }
  | { kind: 'alipay', certifyId: string, url: string }
  | { kind: 'sandbox', ref: string }
  | { kind: 'web', url: string }
  | { kind: 'unsupported', message: string }

function text (payload: Record<string, unknown>, key: string): string {
  const value = payload[key]
  return typeof value === 'string' ? value : ''
}

/**
 * How to run a face check the server started (`provider`, `client_payload`) on `platform`
 * (process.env.TARO_ENV): WeChat's wx.requestFacialVerify inside WeChat, Alipay's
 * startBizService inside Alipay, the sandbox page anywhere, a provider's web page on H5.
 */
export function faceAction (provider: string, platform: string | undefined, payload: Record<string, unknown>): FaceAction {
  if (provider === 'sandbox') {
    const ref = text(payload, 'sandbox_ref')
    return ref ? { kind: 'sandbox', ref } : { kind: 'unsupported', message: '核验服务返回的内容有误，请稍后再试' }
  }
  if (provider === 'wechat') {
    const verifyId = text(payload, 'verify_id')
    if (platform !== 'weapp') return { kind: 'unsupported', message: '请在微信小程序“掌上政务”中完成刷脸核验' }
    return verifyId ? { kind: 'wechat', verifyId } : { kind: 'unsupported', message: '核验服务返回的内容有误，请稍后再试' }
  }
  if (provider === 'alipay') {
    const certifyId = text(payload, 'certify_id')
    if (platform !== 'alipay') return { kind: 'unsupported', message: '请在支付宝小程序“掌上政务”中完成刷脸核验' }
    return certifyId
      ? { kind: 'alipay', certifyId, url: text(payload, 'url') }
      : { kind: 'unsupported', message: '核验服务返回的内容有误，请稍后再试' }
  }
  const url = text(payload, 'url')
  if (platform === 'h5' && /^https:\/\//i.test(url)) return { kind: 'web', url }
  return { kind: 'unsupported', message: '当前环境无法刷脸核验，请携带身份证到政务服务大厅窗口核验' }
}

export interface FaceOutcome {
  /** passed: done; retry: the resident can try again; waiting: not finished yet. */
  tone: 'passed' | 'retry' | 'waiting'
  text: string
}

/** A face check's status (`pending`, `passed`, `failed`, `cancelled`, `expired`) in words. */
export function faceOutcome (status: string): FaceOutcome {
  if (status === 'passed') return { tone: 'passed', text: '刷脸核验通过' }
  if (status === 'pending') return { tone: 'waiting', text: '核验尚未完成。如已完成刷脸，请稍候再查看结果；也可以重新核验。' }
  if (status === 'failed') return { tone: 'retry', text: '核验未通过，请确认是本人操作后重新核验，或携带身份证到大厅窗口核验。' }
  if (status === 'cancelled') return { tone: 'retry', text: '本次核验已取消，可以重新核验。' }
  if (status === 'expired') return { tone: 'retry', text: '核验已超时，请重新核验。' }
  return { tone: 'retry', text: '核验状态未知，请重新核验。' }
}
