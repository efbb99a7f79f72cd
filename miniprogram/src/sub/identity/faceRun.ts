/**
 * Runs one face check (刷脸核验) the way this platform can: WeChat's wx.requestFacialVerify,
 * Alipay's startBizService('open-certify'), the sandbox page (any platform, when the server runs
 * the sandbox provider) or a provider's web page on H5. Whatever the SDK says, the server decides:
 * the caller then asks `completeFaceVerification`.
 */
import Taro from '@tarojs/taro'

import { completeFaceVerification, type FaceCompleted, type FacePurpose, startFaceVerification } from '../../api/account'
import { faceAction } from '../../utils/identityFace'
import { faceSandboxPageUrl } from '../../utils/identityRoutes'

/** WeChat's global API object (only inside WeChat); requestFacialVerify needs base library 3.8.12. */
declare const wx: {
  requestFacialVerify?: (options: {
    verifyId: string
    success: () => void
    fail: (err: { errMsg?: string, errCode?: number }) => void
  }) => void
}

/** Alipay's global API object (only inside Alipay). */
declare const my: {
  startBizService?: (options: {
    name: string
    param: string
    success: (res: { resultStatus?: string }) => void
    fail: (err: { error?: number, errorMessage?: string }) => void
  }) => void
}

export class FaceUnavailable extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'FaceUnavailable'
    Object.setPrototypeOf(this, FaceUnavailable.prototype)
  }
}

/** The check ran here and the server answered; or the resident went to another page to do it (`id` to complete later). */
export type FaceRun =
  | { kind: 'completed', result: FaceCompleted }
  | { kind: 'away', id: string }

function wechatVerify (verifyId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.env.TARO_ENV !== 'weapp' || typeof wx.requestFacialVerify !== 'function') {
      reject(new FaceUnavailable('当前微信版本不支持刷脸核验，请升级微信后重试'))
      return
    }
    // A failure (cancelled, not recognised) still ends at the server, which records why.
    wx.requestFacialVerify({ verifyId, success: () => resolve(), fail: () => resolve() })
  })
}

function alipayCertify (certifyId: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.env.TARO_ENV !== 'alipay' || typeof my.startBizService !== 'function') {
      reject(new FaceUnavailable('当前支付宝版本不支持刷脸核验，请升级支付宝后重试'))
      return
    }
    my.startBizService({
      name: 'open-certify',
      param: JSON.stringify({ certifyId, url }),
      success: () => resolve(),
      fail: () => resolve(),
    })
  })
}

/**
 * Starts a face check for `purpose` and runs it. `back(id)` is the caller's page URL carrying the
 * check's id, opened after the sandbox page when there is no page to go back to.
 */
export async function runFaceCheck (purpose: FacePurpose, back: (id: string) => string): Promise<FaceRun> {
  const started = await startFaceVerification(purpose)
  const action = faceAction(started.provider, process.env.TARO_ENV, started.client_payload)
  switch (action.kind) {
    case 'sandbox':
      await Taro.navigateTo({ url: faceSandboxPageUrl(action.ref, back(started.id)) })
      return { kind: 'away', id: started.id }
    case 'web':
      if (process.env.TARO_ENV === 'h5') window.open(action.url, '_blank', 'noopener')
      return { kind: 'away', id: started.id }
    case 'wechat':
      await wechatVerify(action.verifyId)
      break
    case 'alipay':
      await alipayCertify(action.certifyId, action.url)
      break
    default:
      throw new FaceUnavailable(action.message)
  }
  return { kind: 'completed', result: await completeFaceVerification(started.id) }
}
