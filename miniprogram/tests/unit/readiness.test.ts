import { describe, expect, it } from 'vitest'

import { describeReadiness, describeRequestFailure, NOT_READY_LABEL, READY_LABEL } from '../../src/api/readiness'

describe('describeReadiness', () => {
  it('reports ready on 200', () => {
    expect(describeReadiness(200, { status: 'ok', checks: {} })).toEqual({ ok: true, label: READY_LABEL })
  })

  it('shows the message of a 503 error body', () => {
    const body = { code: 'NOT_READY', message: '数据库暂不可用', request_id: 'abc', details: { database: 'down' } }
    expect(describeReadiness(503, body)).toEqual({ ok: false, label: NOT_READY_LABEL, detail: '数据库暂不可用' })
  })

  it('falls back to the status code when the body has no message', () => {
    expect(describeReadiness(502, '<html>Bad Gateway</html>')).toEqual({ ok: false, label: NOT_READY_LABEL, detail: 'HTTP 502' })
    expect(describeReadiness(503, { message: '' })).toEqual({ ok: false, label: NOT_READY_LABEL, detail: 'HTTP 503' })
    expect(describeReadiness(500, null)).toEqual({ ok: false, label: NOT_READY_LABEL, detail: 'HTTP 500' })
  })
})

describe('describeRequestFailure', () => {
  it('uses a mini-program errMsg', () => {
    expect(describeRequestFailure({ errMsg: 'request:fail url not in domain list' }).detail)
      .toBe('request:fail url not in domain list')
  })

  it('uses an Error message', () => {
    const result = describeRequestFailure(new TypeError('Failed to fetch'))
    expect(result).toEqual({ ok: false, label: NOT_READY_LABEL, detail: 'Failed to fetch' })
  })
})
