import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, resetTaro, storage, taro } from './fakeTaro'
import { boardStreamUrl } from '../../src/api/board'
import {
  cleanDeviceToken, clearDeviceToken, DEVICE_TOKEN_KEY, getDeviceToken, isTokenRefused, saveDeviceToken, whoAmI,
} from '../../src/api/device'
import { ApiError } from '../../src/api/errors'
import { checkIn, followTicket, takeKioskTicket } from '../../src/api/kiosk'
import { saveTokens } from '../../src/api/tokens'

beforeEach(() => {
  resetTaro()
})

describe('the device token', () => {
  it('is kept under palmgov.device.token until cleared', () => {
    expect(getDeviceToken()).toBeNull()
    saveDeviceToken('pgd_abc')
    expect(storage.get(DEVICE_TOKEN_KEY)).toEqual({ token: 'pgd_abc' })
    expect(getDeviceToken()).toBe('pgd_abc')
    clearDeviceToken()
    expect(getDeviceToken()).toBeNull()
    storage.set(DEVICE_TOKEN_KEY, 'not json')
    expect(getDeviceToken()).toBeNull()
  })

  it('loses the spaces, line breaks and quotes it was pasted with', () => {
    expect(cleanDeviceToken('  "pgd_ab\ncd" ')).toBe('pgd_abcd')
    expect(cleanDeviceToken('“pgd_x”')).toBe('pgd_x')
  })
})

describe('device requests', () => {
  it('send the device token, never a resident login', async () => {
    saveTokens({ access_token: 'resident-access', refresh_token: 'resident-refresh' })
    taro.request.mockResolvedValueOnce(answer(200, { id: 3, hall_id: 1, kind: 'kiosk', name: '一楼' }))
    expect(await whoAmI('pgd_abc')).toEqual({ id: 3, hall_id: 1, kind: 'kiosk', name: '一楼' })
    const [call] = calls()
    expect(call.url).toBe('/api/v1/devices/me')
    expect(call.header['X-Device-Token']).toBe('pgd_abc')
    expect(call.header.Authorization).toBeUndefined()
  })

  it('take a ticket with the idempotency key and check in a scanned code', async () => {
    taro.request.mockResolvedValue(answer(201, { id: 9, number: 'A004' }))
    await takeKioskTicket('pgd_abc', { prefix: 'A', green: true }, 'key-1')
    await checkIn('pgd_abc', '1B.XYZ')
    const [take, scan] = calls()
    expect([take.method, take.url, take.data, take.header['Idempotency-Key']]).toEqual(['POST', '/api/v1/kiosk/tickets', { prefix: 'A', green: true }, 'key-1'])
    expect([scan.method, scan.url, scan.data, scan.header['X-Device-Token']]).toEqual(['POST', '/api/v1/check-ins', { token: '1B.XYZ' }, 'pgd_abc'])
  })

  it('tell a refused token from other failures', async () => {
    taro.request.mockResolvedValueOnce(answer(401, { code: 'DEVICE_TOKEN_INVALID', message: '设备令牌无效', request_id: 'r', details: {} }))
    const error = await whoAmI('pgd_old').catch((e: unknown) => e)
    expect(isTokenRefused(error)).toBe(true)
    expect(isTokenRefused(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'x' }))).toBe(false)
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('public hall addresses', () => {
  it('follow a printed ticket by its token without login', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { id: 9 }))
    await followTicket('WzEsMl0.sig')
    expect(calls()[0].url).toBe('/api/v1/tickets/by-token/WzEsMl0.sig')
    expect(calls()[0].header.Authorization).toBeUndefined()
  })

  it('open the board stream, resuming after an event id', () => {
    expect(boardStreamUrl(12)).toBe('/api/v1/halls/12/board/stream')
    expect(boardStreamUrl(12, '1700000000000-0')).toBe('/api/v1/halls/12/board/stream?last_event_id=1700000000000-0')
  })
})
