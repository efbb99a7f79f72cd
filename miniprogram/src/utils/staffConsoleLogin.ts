/**
 * The staff login's steps (docs/staff.md): username and password, then the authenticator code when the
 * answer is TOTP_REQUIRED; what each refusal means in words. Pure: no @tarojs import.
 */

export interface LoginForm {
  username: string
  password: string
  totp: string
}

export const TOTP_LENGTH = 6

/** Only digits, at most six: what the code field keeps of what was typed or pasted. */
export function normalizeTotp (text: string): string {
  return text.replace(/\D/g, '').slice(0, TOTP_LENGTH)
}

/** The first problem with the form before it is sent, or ''. `needTotp`: the code field is shown. */
export function loginProblem (form: LoginForm, needTotp: boolean): string {
  if (form.username.trim() === '') return '请输入用户名'
  if (form.password === '') return '请输入密码'
  if (needTotp && !new RegExp(`^\\d{${TOTP_LENGTH}}$`).test(form.totp)) return `请输入身份验证器上的 ${TOTP_LENGTH} 位动态码`
  return ''
}

export interface LoginOutcome {
  /** Show (or keep showing) the authenticator code field. */
  needTotp: boolean
  /** Clear the code typed: it was wrong or already used. */
  clearTotp: boolean
  message: string
}

/**
 * What a refused login means for the form. TOTP_REQUIRED is a step, not a failure: the code field appears.
 * `retryAfter` (seconds) comes with 429 ACCOUNT_LOCKED.
 */
export function loginOutcome (code: string, message: string, needTotp: boolean, retryAfter?: number): LoginOutcome {
  switch (code) {
    case 'TOTP_REQUIRED':
      return { needTotp: true, clearTotp: false, message: '此账号需要身份验证器动态码，请输入后再登录' }
    case 'TOTP_INVALID':
      return { needTotp: true, clearTotp: true, message: '动态码不正确或已使用过，请输入验证器上最新的动态码' }
    case 'TOTP_NOT_ENROLLED':
      return { needTotp: false, clearTotp: true, message: '此账号还没有绑定身份验证器，请联系系统管理员绑定后再登录' }
    case 'INVALID_CREDENTIALS':
      return { needTotp, clearTotp: true, message: '用户名或密码不正确' }
    case 'ACCOUNT_LOCKED': {
      const minutes = retryAfter && retryAfter > 0 ? Math.ceil(retryAfter / 60) : 0
      const wait = minutes > 0 ? `，请 ${minutes} 分钟后再试` : '，请稍后再试'
      return { needTotp, clearTotp: true, message: `连续登录失败次数过多，账号已暂时锁定${wait}` }
    }
    default:
      return { needTotp, clearTotp: false, message }
  }
}
