import { describe, expect, it } from 'vitest'

import { ApiError } from '../../src/api/errors'
import { hallTimeText, kioskErrorView } from '../../src/utils/kioskErrors'

const HALL = {
  today: '2026-11-23', today_hours: [['09:00', '12:00'], ['13:30', '17:00']], timezone: 'Asia/Shanghai',
  hours: { mon: [['09:00', '12:00'], ['13:30', '17:00']], tue: [['09:00', '17:00']] }, closed_days: [], special_days: [],
}
// 12:30 in Shanghai on Monday 23 November 2026: the lunch break.
const LUNCH = Date.UTC(2026, 10, 23, 4, 30)

function error (code: string, status = 422, details: Record<string, unknown> = {}, message = '服务器的话') {
  return new ApiError({ status, code, message, details })
}

describe('the kiosk explains every refusal', () => {
  it('gives the hours and the next opening when the hall is closed', () => {
    const view = kioskErrorView(error('HALL_CLOSED'), { hall: HALL, nowMs: LUNCH })
    expect(view.title).toBe('现在不能取号')
    expect(view.detail).toContain('09:00–12:00，13:30–17:00')
    expect(view.detail).toContain('今天 13:30')
    expect(view.retry).toBe(false)
    expect(kioskErrorView(error('HALL_CLOSED'), { hall: null, nowMs: LUNCH }).detail).toContain('不在办公时间')
  })

  it('says when check-in opens, at which hall the appointment is, and what to do when it is over', () => {
    const early = kioskErrorView(error('CHECK_IN_TOO_EARLY', 422, { opens_at: '2026-11-23T14:00:00+08:00' }), { hall: HALL, nowMs: LUNCH })
    expect(early.detail).toContain('14:00 以后')
    const tomorrow = kioskErrorView(error('CHECK_IN_TOO_EARLY', 422, { opens_at: '2026-11-24T08:00:00+08:00' }), { hall: HALL, nowMs: LUNCH })
    expect(tomorrow.detail).toContain('11月24日 08:00')
    const wrong = kioskErrorView(error('CHECK_IN_WRONG_HALL', 422, { hall: '西湖区行政服务中心', hall_id: 2 }), { hall: HALL, nowMs: LUNCH })
    expect(wrong.detail).toContain('西湖区行政服务中心')
    expect(kioskErrorView(error('CHECK_IN_EXPIRED', 410), { hall: HALL, nowMs: 0 }).detail).toContain('直接取号')
    expect(kioskErrorView(error('ALREADY_CHECKED_IN', 409), { hall: HALL, nowMs: 0 }).title).toBe('这个预约已经签到过了')
    expect(kioskErrorView(error('APPOINTMENT_NOT_ACTIVE', 409), { hall: HALL, nowMs: 0 }).detail).toContain('已取消')
    expect(kioskErrorView(error('CHECK_IN_INVALID', 400), { hall: HALL, nowMs: 0 }).title).toBe('无法识别这个二维码')
  })

  it('names the ticket already held, and the wrong field', () => {
    expect(kioskErrorView(error('ALREADY_QUEUED', 409, { number: 'A003' }), { hall: HALL, nowMs: 0 }).detail).toContain('A003')
    const badId = error('VALIDATION_ERROR', 400, { fields: { id_number: ['Length must be 18.'] } })
    expect(kioskErrorView(badId, { hall: HALL, nowMs: 0 }).title).toBe('身份证号码不正确')
    const badPhone = error('VALIDATION_ERROR', 400, { fields: { phone: ['bad'] } })
    expect(kioskErrorView(badPhone, { hall: HALL, nowMs: 0 }).title).toBe('手机号不正确')
  })

  it('offers 重试 only where trying again can help', () => {
    const ctx = { hall: HALL, nowMs: 0 }
    expect(kioskErrorView(error('NETWORK_ERROR', 0), ctx)).toMatchObject({ title: '网络连接中断', retry: true })
    expect(kioskErrorView(error('REDIS_UNAVAILABLE', 503), ctx)).toMatchObject({ title: '系统繁忙', retry: true })
    expect(kioskErrorView(new ApiError({ status: 429, code: 'RATE_LIMITED', message: 'x', retryAfter: 7 }), ctx).detail).toContain('7 秒')
    expect(kioskErrorView(error('DEVICE_TOKEN_INVALID', 401), ctx)).toMatchObject({ title: '本机暂停服务', retry: false })
    expect(kioskErrorView(error('NOT_FOUND', 404), ctx).retry).toBe(false)
    expect(kioskErrorView(error('SOMETHING_NEW', 409, {}, '新的规则'), ctx).detail).toContain('新的规则')
    expect(kioskErrorView(new Error('boom'), ctx).retry).toBe(true)
  })
})

describe('hall times in error details', () => {
  it('shows the clock today, the date another day, nothing when unreadable', () => {
    expect(hallTimeText('2026-11-23T09:00:00+08:00', '2026-11-23')).toBe('09:00')
    expect(hallTimeText('2026-12-01T09:30:00+08:00', '2026-11-23')).toBe('12月1日 09:30')
    expect(hallTimeText(undefined, '2026-11-23')).toBe('')
    expect(hallTimeText('soon', null)).toBe('')
  })
})
