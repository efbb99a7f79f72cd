import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, resetTaro, taro } from './fakeTaro'
import { ApiError } from '../../src/api/errors'
import {
  applicationTransition, atWindow, callNext, completeTicket, hallWindows, openWindow, pauseWindow, revealResident,
  staffApplications, staffLogin, staffLogout, ticketStep, transferTicket, windowToday,
} from '../../src/api/staff'
import { alertAction, listAlerts, listWorkOrders, statsOverview, workOrderStep } from '../../src/api/supervision'
import { getTokens, saveTokens, staffTokens } from '../../src/api/tokens'

const STAFF_TOKENS = { access_token: 'staff-access', refresh_token: 'staff-refresh' }

beforeEach(() => {
  resetTaro()
})

describe('staff login', () => {
  it('sends no bearer and no code until asked, then keeps the tokens apart from a resident\'s', async () => {
    saveTokens({ access_token: 'resident', refresh_token: 'resident-r' })
    taro.request.mockResolvedValueOnce(answer(201, { ...STAFF_TOKENS, staff: { id: 1, roles: [] } }))
    await staffLogin('li.wei', 'secret-password')
    const [call] = calls()
    expect(call.url).toBe('/api/v1/staff/sessions')
    expect(call.data).toEqual({ username: 'li.wei', password: 'secret-password' })
    expect(call.header.Authorization).toBeUndefined()
    expect(staffTokens.get()?.access_token).toBe('staff-access')
    expect(getTokens()?.access_token).toBe('resident')
  })

  it('sends the authenticator code when given, and rejects with the code of a refusal', async () => {
    taro.request.mockResolvedValueOnce(answer(401, { code: 'TOTP_INVALID', message: '动态码错误' }))
    const refused = await staffLogin('admin', 'pw', '123456').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('TOTP_INVALID')
    expect(calls()[0].data).toEqual({ username: 'admin', password: 'pw', totp: '123456' })
    expect(staffTokens.get()).toBeNull()
  })

  it('drops the tokens on logout even when the server cannot be reached', async () => {
    staffTokens.save(STAFF_TOKENS)
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail' })
    await expect(staffLogout()).rejects.toBeInstanceOf(ApiError)
    expect(calls()[0]).toMatchObject({ url: '/api/v1/staff/sessions/current', method: 'DELETE' })
    expect(staffTokens.get()).toBeNull()
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('the window console', () => {
  beforeEach(() => staffTokens.save(STAFF_TOKENS))

  it('lists a hall\'s windows with the staff bearer', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { items: [{ id: 3, number: '01' }] }))
    await expect(hallWindows(12)).resolves.toEqual([{ id: 3, number: '01' }])
    expect(calls()[0].url).toBe('/api/v1/windows?hall_id=12')
    expect(calls()[0].header.Authorization).toBe('Bearer staff-access')
  })

  it('opens, pauses and calls at the window', async () => {
    taro.request.mockResolvedValue(answer(200, {}))
    await openWindow(3, ['A', 'B'])
    await openWindow(3)
    await pauseWindow(3, '系统故障，等待恢复')
    await callNext(3)
    await atWindow(3)
    await windowToday(3)
    expect(calls().map((c) => [c.method, c.url, c.data])).toEqual([
      ['POST', '/api/v1/windows/3/open', { categories: ['A', 'B'] }],
      ['POST', '/api/v1/windows/3/open', {}],
      ['POST', '/api/v1/windows/3/pause', { reason: '系统故障，等待恢复' }],
      ['POST', '/api/v1/windows/3/call-next', undefined],
      ['GET', '/api/v1/windows/3/current', undefined],
      ['GET', '/api/v1/windows/3/today', undefined],
    ])
  })

  it('acts on the ticket at the window with each action\'s body', async () => {
    taro.request.mockResolvedValue(answer(200, {}))
    await ticketStep(3, 7, 'recall')
    await transferTicket(3, 7, { window: '02' })
    await completeTicket(3, 7, 'incomplete')
    await completeTicket(3, 7, 'done', 42)
    expect(calls().map((c) => [c.url, c.data])).toEqual([
      ['/api/v1/windows/3/tickets/7/recall', undefined],
      ['/api/v1/windows/3/tickets/7/transfer', { window: '02' }],
      ['/api/v1/windows/3/tickets/7/complete', { outcome: 'incomplete' }],
      ['/api/v1/windows/3/tickets/7/complete', { outcome: 'done', application_id: 42 }],
    ])
  })

  it('reveals a resident with the reason and the fields asked for', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { resident_id: 5, id_number: '110101199003074518' }))
    await revealResident(5, '窗口核验本人身份', ['id_number'])
    expect(calls()[0]).toMatchObject({
      url: '/api/v1/staff/residents/5/reveal', data: { reason: '窗口核验本人身份', fields: ['id_number'] },
    })
  })

  it('a paused window refuses a call with its code', async () => {
    taro.request.mockResolvedValueOnce(answer(409, { code: 'WINDOW_PAUSED', message: '窗口已暂停', details: { reason: 'x' } }))
    const refused = await callNext(3).catch((e: unknown) => e)
    expect((refused as ApiError).code).toBe('WINDOW_PAUSED')
  })
})

describe('applications at the window', () => {
  beforeEach(() => staffTokens.save(STAFF_TOKENS))

  it('filters the work list and posts a step', async () => {
    taro.request.mockResolvedValue(answer(200, { items: [], total: 0, page: 1, page_size: 20 }))
    await staffApplications({ status: 'received', due_before: '2026-11-30', page: 2, page_size: 20 })
    await staffApplications({})
    await applicationTransition(9, { action: 'request_correction', items: ['身份证复印件'] })
    expect(calls().map((c) => [c.method, c.url, c.data])).toEqual([
      ['GET', '/api/v1/staff/applications?status=received&due_before=2026-11-30&page=2&page_size=20', undefined],
      ['GET', '/api/v1/staff/applications', undefined],
      ['POST', '/api/v1/applications/9/transitions', { action: 'request_correction', items: ['身份证复印件'] }],
    ])
  })
})

describe('the supervisor dashboard', () => {
  beforeEach(() => staffTokens.save(STAFF_TOKENS))

  it('asks for the overview, alerts and work orders of the scope', async () => {
    taro.request.mockResolvedValue(answer(200, {}))
    await statsOverview({ by: 'hall', from: '2026-11-01', to: '2026-11-30' })
    await statsOverview({ by: 'day', from: '', to: '' })
    await listAlerts({ state: 'open', page: 1, page_size: 20 })
    await alertAction(4, 'resolve', { note: '已催办' })
    await listWorkOrders({ status: 'open' })
    await workOrderStep(8, 'verify', { text: '属实' })
    expect(calls().map((c) => [c.method, c.url, c.data])).toEqual([
      ['GET', '/api/v1/stats/overview?by=hall&from=2026-11-01&to=2026-11-30', undefined],
      ['GET', '/api/v1/stats/overview?by=day', undefined],
      ['GET', '/api/v1/supervision/alerts?state=open&page=1&page_size=20', undefined],
      ['POST', '/api/v1/supervision/alerts/4/resolve', { note: '已催办' }],
      ['GET', '/api/v1/work-orders?status=open', undefined],
      ['POST', '/api/v1/work-orders/8/verify', { text: '属实' }],
    ])
  })
})
