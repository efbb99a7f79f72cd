import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, errorBody, resetTaro, taro } from './fakeTaro'
import { deleteAccount, exportMyData } from '../../src/api/account'
import { isApiError } from '../../src/api/errors'
import { getTokens, saveTokens } from '../../src/api/tokens'

beforeEach(() => {
  resetTaro()
  saveTokens({ access_token: 'acc', refresh_token: 'ref' })
})

describe('your data and your account', () => {
  it('exports with GET and deletes with DELETE, with the token', async () => {
    taro.request
      .mockResolvedValueOnce(answer(200, { profile: { id: 1 } }))
      .mockResolvedValueOnce(answer(200, { appointments_cancelled: 0 }))
    await exportMyData()
    await deleteAccount()
    const [exported, deleted] = calls()
    expect(exported).toMatchObject({ url: '/api/v1/me/export', method: 'GET' })
    expect(deleted).toMatchObject({ url: '/api/v1/me', method: 'DELETE' })
    expect(deleted.header.Authorization).toBe('Bearer acc')
  })

  it('an old login is told to log in again, and keeps its tokens', async () => {
    taro.request.mockResolvedValueOnce(answer(401, errorBody('AUTH_FRESH_LOGIN_REQUIRED', '请重新登录后再操作')))
    const error = await exportMyData().catch((e: unknown) => e)
    expect(isApiError(error) && error.code).toBe('AUTH_FRESH_LOGIN_REQUIRED')
    expect(getTokens()).toMatchObject({ access_token: 'acc' })
  })
})
