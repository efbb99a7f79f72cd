import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, resetTaro, storage, taro } from './fakeTaro'
import {
  adoptPreferences, bindRealName, getMe, linkPhone, loginWithProviderCode, loginWithSms, sendSmsCode,
} from '../../src/api/identity'
import { getTokens, saveTokens } from '../../src/api/tokens'
import { ELDERLY_KEY, isElderly } from '../../src/store/preferences'

const TOKENS = {
  access_token: 'acc-1',
  refresh_token: 'ref-1',
  token_type: 'Bearer',
  expires_in: 900,
  expires_at: '2026-01-01T00:15:00+00:00',
  refresh_expires_at: '2026-01-31T00:00:00+00:00',
}

function resident (over: Record<string, unknown> = {}) {
  return { id: 1, phone: '138****8000', name: null, id_number: null, assurance_level: 1, elderly_mode: false, ...over }
}

beforeEach(() => {
  resetTaro()
})

describe('SMS codes', () => {
  it('asks for a login code by default and a link_phone code for binding, without a token', async () => {
    taro.request.mockResolvedValue(answer(202, {}))
    await sendSmsCode('13800138000')
    await sendSmsCode('13800138000', 'link_phone')
    const [login, link] = calls()
    expect(login).toMatchObject({ url: '/api/v1/auth/sms-codes', method: 'POST', data: { phone: '13800138000', purpose: 'login' } })
    expect(link.data).toEqual({ phone: '13800138000', purpose: 'link_phone' })
    expect(link.header).not.toHaveProperty('Authorization')
  })
})

describe('login', () => {
  it('stores the tokens and takes elderly mode from the account', async () => {
    storage.set(ELDERLY_KEY, false)
    taro.request.mockResolvedValueOnce(answer(201, { ...TOKENS, resident: resident({ elderly_mode: true }) }))
    await loginWithSms('13800138000', '123456')
    expect(getTokens()?.access_token).toBe('acc-1')
    expect(isElderly()).toBe(true)
  })

  it('keeps the device choice when the answer says nothing about elderly mode', async () => {
    storage.set(ELDERLY_KEY, true)
    const { elderly_mode: _omit, ...old } = resident()
    taro.request.mockResolvedValueOnce(answer(201, { ...TOKENS, resident: old }))
    await loginWithSms('13800138000', '123456')
    expect(isElderly()).toBe(true)
  })

  it('sends the WeChat phone code with the login code, and never for Alipay', async () => {
    taro.request.mockResolvedValue(answer(201, { ...TOKENS, resident: resident() }))
    await loginWithProviderCode('wechat', 'wx-code', 'phone-code')
    await loginWithProviderCode('wechat', 'wx-code')
    await loginWithProviderCode('alipay', 'ali-code', 'phone-code')
    expect(calls().map((c) => c.data)).toEqual([
      { method: 'wechat', code: 'wx-code', phone_code: 'phone-code' },
      { method: 'wechat', code: 'wx-code' },
      { method: 'alipay', code: 'ali-code' },
    ])
  })
})

describe('phone binding', () => {
  it('binds a free phone and keeps the tokens', async () => {
    saveTokens(TOKENS)
    taro.request.mockResolvedValueOnce(answer(200, { resident: resident(), tokens: null }))
    await expect(linkPhone('13800138000', '123456')).resolves.toMatchObject({ assurance_level: 1 })
    expect(calls()[0]).toMatchObject({ url: '/api/v1/me/phone', method: 'POST', data: { phone: '13800138000', code: '123456' } })
    expect(getTokens()?.access_token).toBe('acc-1')
  })

  it('switches to the new tokens when the phone joined an existing account', async () => {
    saveTokens(TOKENS)
    const merged = { ...TOKENS, access_token: 'acc-2', refresh_token: 'ref-2' }
    taro.request.mockResolvedValueOnce(answer(200, { resident: resident({ id: 2, elderly_mode: true }), tokens: merged }))
    await linkPhone('13800138000', '123456')
    expect(getTokens()).toMatchObject({ access_token: 'acc-2', refresh_token: 'ref-2' })
    expect(isElderly()).toBe(true)
  })
})

describe('profile', () => {
  it('reads the profile and binds a real name', async () => {
    saveTokens(TOKENS)
    taro.request
      .mockResolvedValueOnce(answer(200, resident()))
      .mockResolvedValueOnce(answer(200, resident({ assurance_level: 2, name: '张*' })))
    await getMe()
    await bindRealName('张三', '11010519491231002X')
    const [me, bind] = calls()
    expect(me).toMatchObject({ url: '/api/v1/me', method: 'GET' })
    expect(bind).toMatchObject({ url: '/api/v1/me/real-name', method: 'POST', data: { name: '张三', id_number: '11010519491231002X' } })
  })

  it('adopts elderly mode only when the profile says it', () => {
    adoptPreferences({ elderly_mode: true })
    expect(isElderly()).toBe(true)
    adoptPreferences({})
    expect(isElderly()).toBe(true)
    adoptPreferences({ elderly_mode: false })
    expect(isElderly()).toBe(false)
  })
})
