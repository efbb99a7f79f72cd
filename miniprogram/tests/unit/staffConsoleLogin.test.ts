import { describe, expect, it } from 'vitest'

import { loginOutcome, loginProblem, normalizeTotp } from '../../src/utils/staffConsoleLogin'

describe('the staff login form', () => {
  it('asks for a username, a password and, once needed, six digits', () => {
    expect(loginProblem({ username: ' ', password: 'x', totp: '' }, false)).toBe('请输入用户名')
    expect(loginProblem({ username: 'li.wei', password: '', totp: '' }, false)).toBe('请输入密码')
    expect(loginProblem({ username: 'li.wei', password: 'pw', totp: '' }, false)).toBe('')
    expect(loginProblem({ username: 'li.wei', password: 'pw', totp: '12345' }, true)).toContain('6 位动态码')
    expect(loginProblem({ username: 'li.wei', password: 'pw', totp: '123456' }, true)).toBe('')
  })

  it('keeps only six digits of a typed or pasted code', () => {
    expect(normalizeTotp('123 456')).toBe('123456')
    expect(normalizeTotp('1234567')).toBe('123456')
    expect(normalizeTotp('ab12')).toBe('12')
  })
})

describe('a refused login', () => {
  it('shows the code field when the server asks for it, without counting it as a failure', () => {
    const outcome = loginOutcome('TOTP_REQUIRED', 'x', false)
    expect(outcome.needTotp).toBe(true)
    expect(outcome.clearTotp).toBe(false)
    expect(outcome.message).toContain('动态码')
  })

  it('clears a wrong code and keeps asking for one', () => {
    expect(loginOutcome('TOTP_INVALID', 'x', true)).toMatchObject({ needTotp: true, clearTotp: true })
  })

  it('says when the account is locked, and for how long', () => {
    expect(loginOutcome('ACCOUNT_LOCKED', 'x', false, 840).message).toContain('14 分钟后')
    expect(loginOutcome('ACCOUNT_LOCKED', 'x', false).message).toContain('稍后再试')
  })

  it('says the same for a wrong password as for an unknown name, and passes other messages on', () => {
    expect(loginOutcome('INVALID_CREDENTIALS', 'x', true)).toMatchObject({ needTotp: true, message: '用户名或密码不正确' })
    expect(loginOutcome('NETWORK_ERROR', '网络连接失败', false).message).toBe('网络连接失败')
    expect(loginOutcome('TOTP_NOT_ENROLLED', 'x', true).needTotp).toBe(false)
  })
})
