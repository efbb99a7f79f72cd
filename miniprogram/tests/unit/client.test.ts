import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, type Call, errorBody, resetTaro, storage, taro } from './fakeTaro'
import { api, apiRequest, setAuthLostHandler, staffApi } from '../../src/api/client'
import { ApiError } from '../../src/api/errors'
import { logout, loginWithSms } from '../../src/api/identity'
import { getTokens, saveTokens, staffTokens, TOKENS_KEY } from '../../src/api/tokens'

const LOGIN_BACK_TO_ME = '/pages/login/index?redirect=%2Fpages%2Fme%2Findex'
const OLD = { access_token: 'access-old', refresh_token: 'refresh-old' }
const NEW = {
  access_token: 'access-new',
  refresh_token: 'refresh-new',
  token_type: 'Bearer',
  expires_in: 900,
  expires_at: '2026-01-01T00:15:00+00:00',
  refresh_expires_at: '2026-01-31T00:00:00+00:00',
}

beforeEach(() => {
  resetTaro([{ route: 'pages/me/index' }])
  setAuthLostHandler(null) // the real one: reLaunch to the login page
})

describe('requests', () => {
  it('sends the access token as a Bearer header and asks for Chinese messages', async () => {
    saveTokens(OLD)
    taro.request.mockResolvedValueOnce(answer(200, { id: 7, assurance_level: 1 }))

    const me = await api.get('/api/v1/me')

    expect(me).toEqual({ id: 7, assurance_level: 1 })
    const [call] = calls()
    expect(call.url).toBe('/api/v1/me')
    expect(call.method).toBe('GET')
    expect(call.header.Authorization).toBe('Bearer access-old')
    expect(call.header['Accept-Language']).toBe('zh')
  })

  it('sends JSON bodies and no Authorization header for auth: false', async () => {
    taro.request.mockResolvedValueOnce(answer(202, {}))

    await api.post('/api/v1/auth/sms-codes', { phone: '13800138000', purpose: 'login' }, { auth: false })

    const [call] = calls()
    expect(call.method).toBe('POST')
    expect(call.data).toEqual({ phone: '13800138000', purpose: 'login' })
    expect(call.header['Content-Type']).toBe('application/json')
    expect(call.header).not.toHaveProperty('Authorization')
  })

  it('sends the same Idempotency-Key on the retry after a refresh, and none when not asked', async () => {
    saveTokens(OLD)
    taro.request
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))
      .mockResolvedValueOnce(answer(200, NEW))
      .mockResolvedValueOnce(answer(201, { id: 1 }))
      .mockResolvedValueOnce(answer(200, {}))

    await api.post('/api/v1/appointments', { slot_id: 3 }, { idempotencyKey: 'key-1' })
    await api.post('/api/v1/me/subscriptions', { channel: 'wechat' })

    const [first, refresh, retry, other] = calls()
    expect(first.header['Idempotency-Key']).toBe('key-1')
    expect(refresh.header).not.toHaveProperty('Idempotency-Key')
    expect(retry.header['Idempotency-Key']).toBe('key-1')
    expect(other.header).not.toHaveProperty('Idempotency-Key')
  })

  it('answers undefined for 204', async () => {
    saveTokens(OLD)
    taro.request.mockResolvedValueOnce(answer(204, ''))
    await expect(api.del('/api/v1/me/sessions/abc')).resolves.toBeUndefined()
  })

  it('refuses an authenticated call without tokens, and sends the user to login', async () => {
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ status: 401, code: 'AUTH_REQUIRED' })
    expect(taro.request).not.toHaveBeenCalled()
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: LOGIN_BACK_TO_ME })
  })
})

describe('ApiError mapping', () => {
  it('turns an error body into an ApiError', async () => {
    taro.request.mockResolvedValueOnce(answer(401, errorBody('OTP_INVALID', '验证码错误', { attempts_left: 3 })))

    const error = await loginWithSms('13800138000', '000000').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 401,
      code: 'OTP_INVALID',
      message: '验证码错误',
      requestId: 'req-1',
      details: { attempts_left: 3 },
    })
    // A failed login is not a lost session: nothing stored, nowhere sent.
    expect(getTokens()).toBeNull()
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })

  it('reads Retry-After whatever its case', async () => {
    taro.request.mockResolvedValueOnce(answer(429, errorBody('SMS_TOO_FREQUENT', '验证码发送过于频繁', { limit: 'phone_minute', retry_after: 42 }), { 'retry-after': '42' }))
    const error = await api.post('/api/v1/auth/sms-codes', { phone: '13800138000' }, { auth: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 429, code: 'SMS_TOO_FREQUENT', retryAfter: 42, details: { retry_after: 42 } })
  })

  it('maps a request that got no answer to NETWORK_ERROR', async () => {
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' })
    const error = await api.post('/api/v1/auth/sms-codes', {}, { auth: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', details: { reason: 'request:fail timeout' } })
  })

  it('treats an Alipay rejection that carries a status as the answer it is', async () => {
    // my.request calls `fail` (error 19) for non-2xx answers, with status, data and headers.
    taro.request.mockRejectedValueOnce({
      error: 19,
      errorMessage: 'http status error',
      status: 400,
      data: errorBody('INVALID_PHONE', '手机号格式不正确'),
      headers: { 'X-Request-ID': 'req-1' },
    })
    const error = await api.post('/api/v1/auth/sms-codes', { phone: '1' }, { auth: false }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_PHONE', message: '手机号格式不正确' })
  })
})

describe('refresh on AUTH_TOKEN_EXPIRED', () => {
  it('refreshes once with the refresh token, stores the new tokens and retries', async () => {
    saveTokens(OLD)
    taro.request
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))
      .mockResolvedValueOnce(answer(200, NEW))
      .mockResolvedValueOnce(answer(200, { id: 7, assurance_level: 1 }))

    await expect(api.get('/api/v1/me')).resolves.toEqual({ id: 7, assurance_level: 1 })

    const [first, refresh, retry] = calls()
    expect(first.header.Authorization).toBe('Bearer access-old')
    expect(refresh.url).toBe('/api/v1/auth/refresh')
    expect(refresh.method).toBe('POST')
    expect(refresh.header.Authorization).toBe('Bearer refresh-old')
    expect(retry.url).toBe('/api/v1/me')
    expect(retry.header.Authorization).toBe('Bearer access-new')
    expect(calls()).toHaveLength(3)
    expect(getTokens()).toMatchObject({ access_token: 'access-new', refresh_token: 'refresh-new' })
  })

  it('does not refresh again when the retried request is refused too (no loop)', async () => {
    saveTokens(OLD)
    taro.request
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))
      .mockResolvedValueOnce(answer(200, NEW))
      .mockResolvedValue(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))

    const error = await api.get('/api/v1/me').catch((e: unknown) => e)

    expect(error).toMatchObject({ status: 401, code: 'AUTH_TOKEN_EXPIRED' })
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me'])
    expect(getTokens()).toBeNull()
    expect(taro.reLaunch).toHaveBeenCalledTimes(1)
  })

  it('clears the tokens and goes to login when the refresh token is refused', async () => {
    saveTokens(OLD)
    taro.request
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_REVOKED', '登录已失效')))

    const error = await api.get('/api/v1/me').catch((e: unknown) => e)

    expect(error).toMatchObject({ status: 401, code: 'AUTH_TOKEN_REVOKED', message: '登录已失效' })
    expect(calls()).toHaveLength(2) // no retry after a failed refresh
    expect(storage.has(TOKENS_KEY)).toBe(false)
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: LOGIN_BACK_TO_ME })
  })

  it('keeps the tokens when the refresh got no answer (flaky network)', async () => {
    saveTokens(OLD)
    taro.request
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))
      .mockRejectedValueOnce({ errMsg: 'request:fail' })

    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(getTokens()).toMatchObject({ access_token: 'access-old' })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })

  it('shares one refresh between requests that expire together', async () => {
    saveTokens(OLD)
    taro.request.mockImplementation(async (options: Call) => {
      if (options.url === '/api/v1/auth/refresh') return answer(200, NEW)
      if (options.header.Authorization === 'Bearer access-old') return answer(401, errorBody('AUTH_TOKEN_EXPIRED'))
      return answer(200, { url: options.url })
    })

    const [a, b] = await Promise.all([api.get('/api/v1/me'), api.get('/api/v1/me/sessions')])

    expect(a).toEqual({ url: '/api/v1/me' })
    expect(b).toEqual({ url: '/api/v1/me/sessions' })
    expect(calls().filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1)
  })

  it('does not refresh for other 401s; a revoked session clears the tokens', async () => {
    saveTokens(OLD)
    taro.request.mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_REVOKED')))

    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'AUTH_TOKEN_REVOKED' })
    expect(calls()).toHaveLength(1)
    expect(getTokens()).toBeNull()
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: LOGIN_BACK_TO_ME })
  })

  it('does not touch the tokens for a 403 or a 409', async () => {
    saveTokens(OLD)
    taro.request.mockResolvedValueOnce(answer(409, errorBody('ID_NUMBER_IN_USE', '该身份证号已绑定其他账号')))
    await expect(api.post('/api/v1/me/real-name', { name: '张三', id_number: 'x' })).rejects.toMatchObject({ code: 'ID_NUMBER_IN_USE' })
    expect(getTokens()).toMatchObject(OLD)
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })

  it('does not reLaunch when already on the login page', async () => {
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/login/index' }])
    await expect(apiRequest('/api/v1/me')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('a lost session', () => {
  it('sends the resident to login and back to the page they were on, query and all', async () => {
    taro.getCurrentPages.mockReturnValue([{ route: 'sub/booking/book/index', options: { item: '330100-GG-RS-002' } }])
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(taro.reLaunch).toHaveBeenCalledWith({
      url: `/pages/login/index?redirect=${encodeURIComponent('/sub/booking/book/index?item=330100-GG-RS-002')}`,
    })
  })

  it('reads the H5 page path as it is', async () => {
    taro.getCurrentPages.mockReturnValue([{ path: '/pages/ticket/index?id=7' }])
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/ticket/index?id=7')}` })
  })
})

describe('staff (hall screens)', () => {
  it("uses staff tokens and the staff refresh, and never touches a resident's", async () => {
    saveTokens(OLD)
    staffTokens.save({ access_token: 'staff-old', refresh_token: 'staff-refresh' })
    taro.getCurrentPages.mockReturnValue([{ path: '/hall/staff/index' }])
    taro.request
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_EXPIRED')))
      .mockResolvedValueOnce(answer(200, { ...NEW, access_token: 'staff-new', refresh_token: 'staff-refresh-2' }))
      .mockResolvedValueOnce(answer(200, { items: [] }))
      .mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_REVOKED')))

    await staffApi.get('/api/v1/windows?hall_id=1')
    const [first, refresh, retry] = calls()
    expect(first.header.Authorization).toBe('Bearer staff-old')
    expect(refresh.url).toBe('/api/v1/staff/refresh')
    expect(refresh.header.Authorization).toBe('Bearer staff-refresh')
    expect(retry.header.Authorization).toBe('Bearer staff-new')

    await expect(staffApi.get('/api/v1/staff/me')).rejects.toMatchObject({ code: 'AUTH_TOKEN_REVOKED' })
    expect(staffTokens.get()).toBeNull()
    expect(getTokens()).toMatchObject({ access_token: 'access-old' })
    expect(taro.reLaunch).not.toHaveBeenCalled() // already on the staff login page
  })

  it('sends extra headers such as a device token', async () => {
    taro.request.mockResolvedValueOnce(answer(200, {}))
    await api.get('/api/v1/devices/me', { auth: false, headers: { 'X-Device-Token': 'dev-1' } })
    expect(calls()[0].header['X-Device-Token']).toBe('dev-1')
    expect(calls()[0].header).not.toHaveProperty('Authorization')
  })
})

describe('login and logout', () => {
  it('stores the tokens of a login, not the resident', async () => {
    taro.request.mockResolvedValueOnce(answer(201, { ...NEW, resident: { id: 1, phone: '138****8000', assurance_level: 1 } }))

    const login = await loginWithSms('13800138000', '123456')

    expect(login.resident.assurance_level).toBe(1)
    expect(calls()[0].data).toEqual({ method: 'sms', phone: '13800138000', code: '123456' })
    expect(storage.get(TOKENS_KEY)).not.toHaveProperty('resident')
    expect(getTokens()).toMatchObject({ access_token: 'access-new', refresh_token: 'refresh-new' })
  })

  it('clears the tokens on logout even when the server cannot be reached, without redirecting', async () => {
    saveTokens(OLD)
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail' })

    await expect(logout()).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(calls()[0]).toMatchObject({ url: '/api/v1/auth/sessions/current', method: 'DELETE' })
    expect(getTokens()).toBeNull()
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})
