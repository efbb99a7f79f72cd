/**
 * One-tap login inside the WeChat and Alipay apps. Each branch is guarded by
 * `process.env.TARO_ENV`, which the build replaces with a constant, so the H5 bundle has
 * neither branch and each mini-program only its own.
 */
import Taro from '@tarojs/taro'

import { type Login, loginWithProviderCode } from './identity'

/** Alipay's global API object (only defined inside the Alipay app). */
declare const my: {
  getAuthCode: (options: {
    scopes: string | string[]
    success: (res: { authCode?: string }) => void
    fail: (err: { error?: number, errorMessage?: string }) => void
  }) => void
}

/** Which one-tap login this build offers: 'wechat', 'alipay' or null (H5). */
export const PROVIDER_LOGIN: 'wechat' | 'alipay' | null =
  process.env.TARO_ENV === 'weapp' ? 'wechat' : process.env.TARO_ENV === 'alipay' ? 'alipay' : null

export class ProviderLoginCancelled extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ProviderLoginCancelled'
    Object.setPrototypeOf(this, ProviderLoginCancelled.prototype)
  }
}

function alipayAuthCode (): Promise<string> {
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      scopes: 'auth_base', // silent: only the user id, no consent dialog
      success: (res) => {
        if (res.authCode) resolve(res.authCode)
        else reject(new ProviderLoginCancelled('未能获取支付宝授权，请重试'))
      },
      fail: (err) => reject(new ProviderLoginCancelled(err?.errorMessage || '支付宝授权失败，请重试')),
    })
  })
}

/**
 * Gets a login code from the host app (`wx.login` / `my.getAuthCode`) and trades it for PalmGov
 * tokens (stored by loginWithProviderCode). In WeChat, `phoneCode` (from a getPhoneNumber button)
 * verifies the phone at the same time; without it the account starts at L0 and the login page
 * offers phone binding.
 */
export async function providerLogin (phoneCode?: string): Promise<Login> {
  if (process.env.TARO_ENV === 'weapp') {
    let code: string | undefined
    try {
      code = (await Taro.login()).code
    } catch (error) {
      const errMsg = (error as { errMsg?: string })?.errMsg
      throw new ProviderLoginCancelled(errMsg ? `微信登录失败：${errMsg}` : '微信登录失败，请重试')
    }
    if (!code) throw new ProviderLoginCancelled('未能获取微信登录凭证，请重试')
    return loginWithProviderCode('wechat', code, phoneCode)
  }
  if (process.env.TARO_ENV === 'alipay') {
    return loginWithProviderCode('alipay', await alipayAuthCode())
  }
  throw new ProviderLoginCancelled('当前环境不支持一键登录，请使用短信验证码登录')
}
