import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, errorBody, resetTaro, taro } from './fakeTaro'
import {
  arrive, bookAppointment, cancelAppointment, checkInQrUrl, getAppointment, getAvailability, listAppointments,
  loadAppointment, rescheduleAppointment,
} from '../../src/api/booking'
import { saveTokens } from '../../src/api/tokens'

function summary (id: number, reference: string) {
  return { id, reference, status: 'booked' }
}

beforeEach(() => {
  resetTaro()
  saveTokens({ access_token: 'access', refresh_token: 'refresh' })
})

describe('booking calls', () => {
  it('asks availability without a login, with the range only when given', async () => {
    taro.request.mockResolvedValue(answer(200, { days: [] }))
    await getAvailability(3, '330100-GG-RS-001')
    await getAvailability(3, 'X', { from: '2026-11-24', to: '2026-11-30' })
    const [first, second] = calls()
    expect(first.url).toBe('/api/v1/halls/3/availability?item=330100-GG-RS-001')
    expect(first.header).not.toHaveProperty('Authorization')
    expect(second.url).toBe('/api/v1/halls/3/availability?item=X&from=2026-11-24&to=2026-11-30')
  })

  it('books with the Idempotency-Key and the body the API takes', async () => {
    taro.request.mockResolvedValueOnce(answer(201, { id: 9 }))
    await expect(bookAppointment({ item_code: 'X', slot_id: 12, acting_for: 56 }, 'key-1')).resolves.toEqual({ id: 9 })
    const [call] = calls()
    expect(call.method).toBe('POST')
    expect(call.url).toBe('/api/v1/appointments')
    expect(call.data).toEqual({ item_code: 'X', slot_id: 12, acting_for: 56 })
    expect(call.header['Idempotency-Key']).toBe('key-1')
    expect(call.header.Authorization).toBe('Bearer access')
  })

  it('rejects a refusal with its code and details', async () => {
    taro.request.mockResolvedValueOnce(answer(409, errorBody('ALREADY_BOOKED', '您已预约该事项（Y7K3M9Q2）', { reference: 'Y7K3M9Q2' })))
    await expect(bookAppointment({ item_code: 'X', slot_id: 12 }, 'key-2')).rejects.toMatchObject({
      status: 409, code: 'ALREADY_BOOKED', details: { reference: 'Y7K3M9Q2' },
    })
  })

  it('lists, reads, cancels, moves and checks in', async () => {
    taro.request.mockResolvedValue(answer(200, {}))
    await listAppointments()
    await listAppointments(true)
    await getAppointment(4)
    await cancelAppointment(4)
    await rescheduleAppointment(4, 77)
    await arrive(4)
    expect(calls().map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/appointments',
      'GET /api/v1/appointments?active=true',
      'GET /api/v1/appointments/4',
      'POST /api/v1/appointments/4/cancel',
      'POST /api/v1/appointments/4/reschedule',
      'POST /api/v1/appointments/4/check-in',
    ])
    expect(calls()[3].data).toBeUndefined()
    expect(calls()[4].data).toEqual({ slot_id: 77 })
    expect(calls().every((c) => !('Idempotency-Key' in c.header))).toBe(true)
  })
})

describe('loadAppointment', () => {
  it('reads by id directly', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { id: 4 }))
    await expect(loadAppointment({ id: 4, ref: null })).resolves.toEqual({ id: 4 })
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/appointments/4'])
  })

  it('finds a reference in my list, then reads it with its checklist', async () => {
    taro.request
      .mockResolvedValueOnce(answer(200, { items: [summary(3, 'ABCDEFGH'), summary(8, 'Y7K3M9Q2')], total: 2 }))
      .mockResolvedValueOnce(answer(200, { id: 8, required_materials: [] }))
    await expect(loadAppointment({ id: null, ref: 'y7k3m9q2' })).resolves.toMatchObject({ id: 8 })
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/appointments', '/api/v1/appointments/8'])
  })

  it('says where to look when the reference is not mine', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { items: [summary(3, 'ABCDEFGH')], total: 1 }))
    await expect(loadAppointment({ id: null, ref: 'Y7K3M9Q2' })).rejects.toMatchObject({
      status: 404, code: 'NOT_FOUND', message: '没有找到预约号为 Y7K3M9Q2 的预约，请在“我的预约”中查看。',
    })
    await expect(loadAppointment({ id: null, ref: null })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(calls()).toHaveLength(1)
  })
})

describe('checkInQrUrl', () => {
  it('puts the API path on the API base (same origin in this build)', () => {
    expect(checkInQrUrl({ qr_url: '/api/v1/appointments/check-in-qr?token=1B.6VAIAJDIEAJD2BTP' }))
      .toBe('/api/v1/appointments/check-in-qr?token=1B.6VAIAJDIEAJD2BTP')
    expect(checkInQrUrl({ qr_url: 'https://gov.example.cn/api/v1/appointments/check-in-qr?token=x' }))
      .toBe('https://gov.example.cn/api/v1/appointments/check-in-qr?token=x')
  })
})
