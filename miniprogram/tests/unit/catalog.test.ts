import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, errorBody, resetTaro, taro } from './fakeTaro'
import { getHall, getItem, listHalls, searchItems } from '../../src/api/catalog'
import { ApiError } from '../../src/api/errors'
import { saveTokens } from '../../src/api/tokens'
import { callPhone, currentNear, openExternal } from '../../src/utils/device'

beforeEach(() => {
  resetTaro()
})

describe('catalog calls', () => {
  it('searches items without a login, even when tokens are stored', async () => {
    saveTokens({ access_token: 'access', refresh_token: 'refresh' })
    const page = { items: [], total: 0, page: 2, page_size: 20 }
    taro.request.mockResolvedValueOnce(answer(200, page))

    await expect(searchItems({ q: 'shbk', theme: '社保', page: 2 })).resolves.toEqual(page)

    const [call] = calls()
    expect(call.method).toBe('GET')
    expect(call.url).toBe('/api/v1/items?q=shbk&theme=%E7%A4%BE%E4%BF%9D&page=2&page_size=20')
    expect(call.header).not.toHaveProperty('Authorization')
    expect(call.header['Accept-Language']).toBe('zh')
  })

  it('gets a guide, halls (with and without near) and a hall', async () => {
    taro.request.mockResolvedValue(answer(200, {}))
    await getItem('330100-GG-RS-001')
    await listHalls()
    await listHalls('30.27,120.15')
    await getHall(3)
    expect(calls().map((c) => c.url)).toEqual([
      '/api/v1/items/330100-GG-RS-001',
      '/api/v1/halls',
      '/api/v1/halls?near=30.27%2C120.15',
      '/api/v1/halls/3',
    ])
  })

  it("rejects with the server's message, and never sends anyone to login", async () => {
    taro.request.mockResolvedValueOnce(answer(404, errorBody('NOT_FOUND', '请求的内容不存在')))
    const error = await getItem('nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '请求的内容不存在', requestId: 'req-1' })

    taro.request.mockResolvedValueOnce(answer(401, errorBody('AUTH_REQUIRED', '请先登录')))
    await expect(listHalls()).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('device helpers', () => {
  it('asks for a WGS84 position and turns it into near=', async () => {
    taro.getLocation.mockResolvedValueOnce({ latitude: 30.2741234567, longitude: 120.1551, errMsg: 'getLocation:ok' })
    await expect(currentNear()).resolves.toBe('30.274123,120.1551')
    expect(taro.getLocation).toHaveBeenCalledWith({ type: 'wgs84' })
  })

  it('rejects when the position is refused or not real', async () => {
    taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
    await expect(currentNear()).rejects.toMatchObject({ errMsg: 'getLocation:fail auth deny' })
    taro.getLocation.mockResolvedValueOnce({ latitude: Number.NaN, longitude: 120 })
    await expect(currentNear()).rejects.toThrow('位置无效')
  })

  it('gives up on a position that never comes', async () => {
    vi.useFakeTimers()
    try {
      taro.getLocation.mockReturnValueOnce(new Promise(() => undefined))
      const near = currentNear()
      const check = expect(near).rejects.toThrow('获取位置超时')
      await vi.advanceTimersByTimeAsync(10_000)
      await check
    } finally {
      vi.useRealTimers()
    }
  })

  it('dials the digits of a phone number', () => {
    callPhone('0571-55500001')
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '057155500001' })
  })

  it('copies an outside link in the mini-programs', async () => {
    openExternal('https://api.example.gov.cn/api/v1/items/x/checklist?format=html')
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'https://api.example.gov.cn/api/v1/items/x/checklist?format=html' })
    await vi.waitFor(() => expect(taro.showToast).toHaveBeenCalled())
  })
})
