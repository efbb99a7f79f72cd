import { describe, expect, it } from 'vitest'

import {
  ApiError, apiErrorFromResponse, errorText, headerValue, networkError, parseRetryAfter, retryAfterSeconds,
} from '../../src/api/errors'

describe('apiErrorFromResponse', () => {
  it('maps the error body', () => {
    const error = apiErrorFromResponse(400, {
      code: 'INVALID_ID_NUMBER', message: '身份证号码无效', request_id: 'r1', details: { reason: 'check_digit' },
    })
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      status: 400, code: 'INVALID_ID_NUMBER', message: '身份证号码无效', requestId: 'r1', details: { reason: 'check_digit' },
    })
  })

  it('parses a JSON string body (mini-programs may leave it unparsed)', () => {
    const error = apiErrorFromResponse(409, '{"code":"ID_NUMBER_IN_USE","message":"已绑定","request_id":"r2","details":{}}')
    expect(error).toMatchObject({ code: 'ID_NUMBER_IN_USE', message: '已绑定', requestId: 'r2' })
  })

  it('falls back for bodies that are not the API error shape', () => {
    expect(apiErrorFromResponse(502, '<html>Bad Gateway</html>', { 'X-Request-ID': 'r3' }))
      .toMatchObject({ status: 502, code: 'HTTP_502', message: '服务暂时不可用，请稍后再试', requestId: 'r3', details: {} })
    expect(apiErrorFromResponse(404, null)).toMatchObject({ code: 'HTTP_404', message: '找不到请求的内容' })
    expect(apiErrorFromResponse(400, { code: 'X', message: '' })).toMatchObject({ code: 'X', message: '请求失败（400）' })
    expect(apiErrorFromResponse(400, { code: 'X', message: 'm', details: ['a'] }).details).toEqual({})
  })

  it('reads Retry-After', () => {
    expect(apiErrorFromResponse(429, { code: 'RATE_LIMITED', message: 'm' }, { 'Retry-After': '30' }).retryAfter).toBe(30)
    expect(parseRetryAfter('abc')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(headerValue({ 'retry-after': '5' }, 'Retry-After')).toBe('5')
    expect(headerValue(undefined, 'Retry-After')).toBeUndefined()
  })
})

describe('retryAfterSeconds', () => {
  it('prefers details.retry_after, then the header', () => {
    expect(retryAfterSeconds(new ApiError({ status: 429, code: 'SMS_TOO_FREQUENT', message: 'm', details: { retry_after: 42 }, retryAfter: 40 }))).toBe(42)
    expect(retryAfterSeconds(new ApiError({ status: 429, code: 'SMS_TOO_FREQUENT', message: 'm', retryAfter: 40 }))).toBe(40)
    expect(retryAfterSeconds(new ApiError({ status: 429, code: 'SMS_TOO_FREQUENT', message: 'm' }))).toBeUndefined()
  })
})

describe('errorText', () => {
  it('shows the API message, with attempts left for a wrong code', () => {
    expect(errorText(new ApiError({ status: 401, code: 'OTP_INVALID', message: '验证码错误', details: { attempts_left: 2 } })))
      .toBe('验证码错误，还可尝试 2 次')
    expect(errorText(new ApiError({ status: 401, code: 'OTP_INVALID', message: '验证码错误', details: { attempts_left: 0 } })))
      .toBe('验证码错误，还可尝试 0 次')
    expect(errorText(new ApiError({ status: 409, code: 'ID_NUMBER_IN_USE', message: '该身份证号已被其他账号绑定' })))
      .toBe('该身份证号已被其他账号绑定')
  })

  it('has text for network failures and non-API errors', () => {
    expect(errorText(networkError({ errMsg: 'request:fail' }))).toBe('网络连接失败，请检查网络后重试')
    expect(errorText(new Error('微信登录失败'))).toBe('微信登录失败')
    expect(errorText('?')).toBe('操作失败，请稍后再试')
  })
})
