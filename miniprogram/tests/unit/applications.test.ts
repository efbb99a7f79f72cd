import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, errorBody, resetTaro, storage, taro, uploads } from './fakeTaro'
import {
  createApplication, findMine, getApplyItem, getProgress, listApplications, lookupProgress, removeMaterialFile,
  resubmitApplication, submitApplication, updateApplication, uploadMaterial, withdrawApplication,
} from '../../src/api/applications'
import { ApiError } from '../../src/api/errors'
import { setAuthLostHandler } from '../../src/api/client'
import { getTokens, saveTokens } from '../../src/api/tokens'

const TOKENS = { access_token: 'access-1', refresh_token: 'refresh-1' }
const FILE = { id: 5, material: '居民户口簿', filename: '户口簿.png', media_type: 'image/png', size: 70, uploaded_at: '2026-12-04T01:00:00+00:00' }

beforeEach(() => {
  resetTaro([{ route: 'sub/apply/form/index' }])
  setAuthLostHandler(null)
  saveTokens(TOKENS)
})

describe('applications', () => {
  it('reads the item without login, with its form and upload lines', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { code: 'X-1', application_form: [], materials: [] }))
    await getApplyItem('X-1')
    expect(calls()[0].url).toBe('/api/v1/items/X-1')
    expect(calls()[0].header.Authorization).toBeUndefined()
  })

  it('creates a draft with the Idempotency-Key of the tap', async () => {
    taro.request.mockResolvedValueOnce(answer(201, { id: 9, status: 'draft' }))
    const created = await createApplication({ item_code: 'X-1', form: { name: '张三' }, acting_for: 4 }, 'key-1')
    expect(created).toEqual({ id: 9, status: 'draft' })
    const [call] = calls()
    expect(call).toMatchObject({ url: '/api/v1/applications', method: 'POST', data: { item_code: 'X-1', form: { name: '张三' }, acting_for: 4 } })
    expect(call.header['Idempotency-Key']).toBe('key-1')
    expect(call.header.Authorization).toBe('Bearer access-1')
  })

  it('saves changed answers with PATCH and sends each action to its own path', async () => {
    taro.request.mockResolvedValue(answer(200, { id: 9 }))
    await updateApplication(9, { phone: null, name: '李四' })
    await submitApplication(9)
    await resubmitApplication(9)
    await withdrawApplication(9)
    await removeMaterialFile(9, 5)
    await listApplications(2, 50)
    expect(calls().map((c) => `${c.method} ${c.url}`)).toEqual([
      'PATCH /api/v1/applications/9',
      'POST /api/v1/applications/9/submit',
      'POST /api/v1/applications/9/resubmit',
      'POST /api/v1/applications/9/withdraw',
      'DELETE /api/v1/applications/9/materials/5',
      'GET /api/v1/applications?page=2&page_size=50',
    ])
    expect(calls()[0].data).toEqual({ form: { phone: null, name: '李四' } })
    expect(calls()[3].data).toEqual({})
  })

  it('passes a refused submission on with every problem', async () => {
    taro.request.mockResolvedValueOnce(answer(400, errorBody('VALIDATION_ERROR', '请检查填写的内容', { fields: { materials: ['Upload …'] } })))
    const error = await submitApplication(9).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.details.fields).toEqual({ materials: ['Upload …'] })
  })

  it('reads progress behind a link or a number without login', async () => {
    taro.request.mockResolvedValue(answer(200, { number: 'N' }))
    await getProgress('tok.en/1')
    await lookupProgress('33010620261009000123X', '8000')
    expect(calls()[0].url).toBe('/api/v1/progress/tok.en%2F1')
    expect(calls()[1]).toMatchObject({ url: '/api/v1/progress/lookup', method: 'POST', data: { number: '33010620261009000123X', phone_last4: '8000' } })
    expect(calls().every((c) => c.header.Authorization === undefined)).toBe(true)
  })

  it('finds the resident’s own application behind a link’s number', async () => {
    taro.request
      .mockResolvedValueOnce(answer(200, { items: [{ id: 3, number: 'A' }, { id: 4, number: 'B' }], total: 2, page: 1, page_size: 100 }))
      .mockResolvedValueOnce(answer(200, { id: 4, number: 'B', status: 'accepted' }))
    expect(await findMine('B')).toEqual({ id: 4, number: 'B', status: 'accepted' })
    expect(calls()[1].url).toBe('/api/v1/applications/4')

    taro.request.mockResolvedValueOnce(answer(200, { items: [], total: 0, page: 1, page_size: 100 }))
    expect(await findMine('C')).toBeNull()
  })

  it('never sends someone following a link to the login page', async () => {
    taro.request.mockResolvedValueOnce(answer(401, errorBody('AUTH_TOKEN_REVOKED')))
    await expect(findMine('B')).rejects.toMatchObject({ code: 'AUTH_TOKEN_REVOKED' })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('uploads', () => {
  it('sends the file as multipart `file` with the material, the token and Chinese messages', async () => {
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(FILE), errMsg: 'uploadFile:ok' })
    const file = await uploadMaterial(9, '居民户口簿', { path: 'blob:http://x/1', name: '户口簿.png' })
    expect(file).toEqual(FILE)
    const [call] = uploads()
    expect(call).toMatchObject({
      url: '/api/v1/applications/9/materials',
      filePath: 'blob:http://x/1',
      name: 'file',
      formData: { material: '居民户口簿' },
      fileName: '户口簿.png',
    })
    expect(call.header.Authorization).toBe('Bearer access-1')
    expect(call.header['Accept-Language']).toBe('zh')
  })

  it('turns the API error body into an ApiError', async () => {
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 413, data: JSON.stringify(errorBody('UPLOAD_TOO_LARGE', '文件太大', { max_bytes: 8388608 })) })
    const error = await uploadMaterial(9, '居民户口簿', { path: 'tmp/1.jpg' }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 413, code: 'UPLOAD_TOO_LARGE', message: '文件太大', details: { max_bytes: 8388608 } })
  })

  it('reads an answer the platform failed but still carried (Alipay)', async () => {
    taro.uploadFile.mockRejectedValueOnce({ statusCode: 415, data: JSON.stringify(errorBody('UPLOAD_TYPE')), errMsg: 'fail' })
    await expect(uploadMaterial(9, 'm', { path: 'p' })).rejects.toMatchObject({ status: 415, code: 'UPLOAD_TYPE' })
  })

  it('refreshes an expired token once and sends the file again', async () => {
    taro.uploadFile
      .mockResolvedValueOnce({ statusCode: 401, data: JSON.stringify(errorBody('AUTH_TOKEN_EXPIRED')) })
      .mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(FILE) })
    taro.request.mockResolvedValueOnce(answer(200, { access_token: 'access-2', refresh_token: 'refresh-2' }))
    expect(await uploadMaterial(9, 'm', { path: 'p' })).toEqual(FILE)
    expect(calls()[0]).toMatchObject({ url: '/api/v1/auth/refresh', method: 'POST' })
    expect(calls()[0].header.Authorization).toBe('Bearer refresh-1')
    expect(uploads().map((u) => u.header.Authorization)).toEqual(['Bearer access-1', 'Bearer access-2'])
    expect(getTokens()?.access_token).toBe('access-2')
  })

  it('does not refresh for other 401s', async () => {
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 401, data: JSON.stringify(errorBody('AUTH_TOKEN_REVOKED')) })
    await expect(uploadMaterial(9, 'm', { path: 'p' })).rejects.toMatchObject({ code: 'AUTH_TOKEN_REVOKED' })
    expect(taro.request).not.toHaveBeenCalled()
    expect(uploads()).toHaveLength(1)
  })

  it('says the network failed when no answer came, and asks for login without tokens', async () => {
    taro.uploadFile.mockRejectedValueOnce({ errMsg: 'uploadFile:fail timeout' })
    await expect(uploadMaterial(9, 'm', { path: 'p' })).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
    storage.clear()
    await expect(uploadMaterial(9, 'm', { path: 'p' })).rejects.toMatchObject({ status: 401, code: 'AUTH_REQUIRED' })
    expect(uploads()).toHaveLength(1)
  })
})
