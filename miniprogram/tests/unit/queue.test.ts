import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, errorBody, resetTaro, taro } from './fakeTaro'
import { ApiError } from '../../src/api/errors'
import {
  cancelTicket, getBoard, getTicket, hallItems, myTickets, rejoinTicket, takeTicket, type Ticket,
} from '../../src/api/queue'
import { saveTokens } from '../../src/api/tokens'

const TICKET: Ticket = {
  id: 7, number: 'A017', status: 'waiting', priority: 'normal', hall_id: 1, category: 'A', category_name: '社保医保',
  day: '2026-03-06', queued_at: '2026-03-06T01:00:00Z', ahead: 2, window: null, wait: { minutes: 9, low: 6, high: 12 },
}

beforeEach(() => {
  resetTaro()
  saveTokens({ access_token: 'access', refresh_token: 'refresh' })
})

describe('taking a number', () => {
  it('posts the item (and the relative) with the Idempotency-Key and the token', async () => {
    taro.request.mockResolvedValueOnce(answer(201, TICKET))
    await expect(takeTicket(3, { item_code: '330100-GG-RS-001', acting_for: 9 }, 'key-1')).resolves.toEqual(TICKET)
    const [call] = calls()
    expect(call.method).toBe('POST')
    expect(call.url).toBe('/api/v1/halls/3/tickets')
    expect(call.data).toEqual({ item_code: '330100-GG-RS-001', acting_for: 9 })
    expect(call.header['Idempotency-Key']).toBe('key-1')
    expect(call.header.Authorization).toBe('Bearer access')
  })

  it('rejects with the code and details of a refusal', async () => {
    taro.request.mockResolvedValueOnce(answer(409, errorBody('ALREADY_QUEUED', '您在该大厅已有排队中的号码', { ticket_id: 5, number: 'A003' })))
    const error = await takeTicket(3, { item_code: 'x' }, 'key-2').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('ALREADY_QUEUED')
    expect((error as ApiError).details).toEqual({ ticket_id: 5, number: 'A003' })
  })
})

describe('following a ticket', () => {
  it('reads, lists, cancels and rejoins with the token', async () => {
    taro.request.mockResolvedValue(answer(200, TICKET))
    await getTicket(7)
    await myTickets()
    await cancelTicket(7)
    await rejoinTicket(7)
    expect(calls().map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/tickets/7',
      'GET /api/v1/tickets',
      'DELETE /api/v1/tickets/7',
      'POST /api/v1/tickets/7/rejoin',
    ])
    expect(calls().every((c) => c.header.Authorization === 'Bearer access')).toBe(true)
    expect(calls().some((c) => 'Idempotency-Key' in c.header)).toBe(false)
  })
})

describe('public hall data', () => {
  it('reads the board and the services of a hall without the token', async () => {
    taro.request.mockResolvedValue(answer(200, {}))
    await getBoard(2)
    await hallItems(2)
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/halls/2/board', '/api/v1/items?hall=2&page=1&page_size=100'])
    expect(calls().some((c) => 'Authorization' in c.header)).toBe(false)
  })
})
