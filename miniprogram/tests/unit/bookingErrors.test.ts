import { describe, expect, it } from 'vitest'

import { ApiError, networkError } from '../../src/api/errors'
import { bookingKey, bookingProblem, stepLabel } from '../../src/utils/bookingErrors'

function apiError (status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return new ApiError({ status, code, message, details })
}

describe('bookingProblem', () => {
  it('sends slot problems back to the slots, which are loaded again', () => {
    for (const code of ['SLOT_FULL', 'SLOT_CLOSED', 'SLOT_NOT_RELEASED', 'BOOKING_CLOSED', 'NOT_A_WORKING_DAY']) {
      const found = bookingProblem(apiError(409, code, '该时段已约满，请选择其他时段'))
      expect(found).toMatchObject({ code, text: '该时段已约满，请选择其他时段', steps: ['pick_slot'], refreshSlots: true, newKey: false })
    }
  })

  it('offers real-name for the resident, but not for a relative they act for', () => {
    const own = bookingProblem(apiError(403, 'ASSURANCE_REQUIRED', '请先完成实名认证', { required_level: 2, level: 1 }))
    expect(own).toMatchObject({ steps: ['real_name'], requiredLevel: 2 })
    expect(own.text).toBe('预约这个事项需要先完成实名认证，完成后会回到这里继续预约。')
    const face = bookingProblem(apiError(403, 'ASSURANCE_REQUIRED', '请先完成实名认证', { required_level: 3 }))
    expect(face.text).toContain('实名认证和刷脸核验')
    expect(face.requiredLevel).toBe(3)
    const proxy = bookingProblem(apiError(403, 'ASSURANCE_REQUIRED', '请先完成实名认证', { required_level: 2 }), { acting: true })
    expect(proxy.steps).toEqual([])
    expect(proxy.text).toContain('家人')
  })

  it('links to the appointment an ALREADY_BOOKED or BOOKING_OVERLAP names', () => {
    const held = bookingProblem(apiError(409, 'ALREADY_BOOKED', '您已预约该事项（Y7K3M9Q2）', { reference: 'Y7K3M9Q2' }))
    expect(held).toMatchObject({ steps: ['appointment'], reference: 'Y7K3M9Q2' })
    expect(bookingProblem(apiError(409, 'ALREADY_BOOKED', 'x')).steps).toEqual(['appointments'])
    const overlap = bookingProblem(apiError(409, 'BOOKING_OVERLAP', '时间重叠', { reference: 'ABCDEFGH' }))
    expect(overlap.steps).toEqual(['pick_slot', 'appointment'])
  })

  it('keeps the server message for bans, with a walk-in ticket as the way forward', () => {
    const message = '因多次爽约，您的预约资格暂停至12月24日 10:00，届时可再预约；也可到大厅现场取号'
    const found = bookingProblem(apiError(403, 'BOOKING_BANNED', message, { until: '2026-12-24T10:00:00+08:00' }))
    expect(found).toMatchObject({ text: message, steps: ['take_ticket'] })
    expect(bookingProblem(apiError(422, 'TOO_MANY_BOOKINGS', 'x')).steps).toEqual(['appointments'])
    expect(bookingProblem(apiError(422, 'ITEM_NOT_BOOKABLE', 'x')).steps).toEqual(['take_ticket'])
  })

  it('asks for a new key when the API tied the old one to another request', () => {
    const found = bookingProblem(apiError(422, 'IDEMPOTENCY_KEY_REUSED', 'x'))
    expect(found).toMatchObject({ steps: ['retry'], newKey: true })
  })

  it('retries what got no answer with the same key', () => {
    expect(bookingProblem(networkError(new Error('offline')))).toMatchObject({ steps: ['retry'], newKey: false })
    expect(bookingProblem(apiError(503, 'REDIS_UNAVAILABLE', '服务暂时不可用')).steps).toEqual(['retry'])
    expect(bookingProblem(new Error('boom'))).toMatchObject({ code: '', text: 'boom', steps: ['retry'] })
  })

  it('covers cancel, reschedule and check-in refusals', () => {
    expect(bookingProblem(apiError(422, 'CHANGE_TOO_LATE', '预约须在…前取消或改约')).steps).toEqual([])
    expect(bookingProblem(apiError(409, 'APPOINTMENT_NOT_ACTIVE', 'x')).steps).toEqual(['reload'])
    expect(bookingProblem(apiError(422, 'CHECK_IN_TOO_EARLY', '请于…后签到')).steps).toEqual([])
    expect(bookingProblem(apiError(410, 'CHECK_IN_EXPIRED', 'x')).steps).toEqual(['take_ticket'])
  })

  it('explains a missing slot or grant', () => {
    expect(bookingProblem(apiError(404, 'NOT_FOUND', 'x')).text).toBe('这个时段已不存在，请重新选择。')
    expect(bookingProblem(apiError(404, 'NOT_FOUND', 'x'), { acting: true }).text).toContain('代办授权')
  })
})

describe('bookingKey', () => {
  let n = 0
  const make = () => `key-${++n}`

  it('keeps the key for the same slot and person, and makes a new one otherwise', () => {
    const first = bookingKey(null, 7, null, make)
    expect(bookingKey(first, 7, null, make)).toBe(first)
    const other = bookingKey(first, 8, null, make)
    expect(other.key).not.toBe(first.key)
    const proxy = bookingKey(other, 8, 56, make)
    expect(proxy).toMatchObject({ slotId: 8, actingFor: 56 })
    expect(proxy.key).not.toBe(other.key)
  })
})

describe('stepLabel', () => {
  it('names each next step', () => {
    expect(stepLabel('appointment', 'Y7K3M9Q2')).toBe('查看预约 Y7K3M9Q2')
    expect(stepLabel('take_ticket')).toBe('改为现场取号')
    expect(stepLabel('real_name')).toBe('去实名认证')
  })
})
