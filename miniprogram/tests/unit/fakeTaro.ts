import { vi } from 'vitest'

// One fake of @tarojs/taro for the unit tests: request() and uploadFile() answer
// from queues, storage is a Map. vi.mock is hoisted, so each test file still says:
//   vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))
// and then imports what it needs from './fakeTaro' (the same module instance).

export const storage = new Map<string, unknown>()

export const taro = {
  request: vi.fn(),
  uploadFile: vi.fn(),
  getStorageSync: vi.fn(),
  setStorageSync: vi.fn(),
  removeStorageSync: vi.fn(),
  reLaunch: vi.fn(),
  getCurrentPages: vi.fn(),
  getLocation: vi.fn(),
  makePhoneCall: vi.fn(),
  setClipboardData: vi.fn(),
  showToast: vi.fn(),
}

/** Empty storage, forgotten calls, and the usual answers; `pages` is what getCurrentPages() returns. */
export function resetTaro (pages: unknown[] = []): void {
  storage.clear()
  vi.clearAllMocks()
  taro.getStorageSync.mockImplementation((key: string) => (storage.has(key) ? storage.get(key) : ''))
  taro.setStorageSync.mockImplementation((key: string, value: unknown) => { storage.set(key, value) })
  taro.removeStorageSync.mockImplementation((key: string) => { storage.delete(key) })
  taro.reLaunch.mockResolvedValue({ errMsg: 'reLaunch:ok' })
  taro.getCurrentPages.mockReturnValue(pages)
  taro.makePhoneCall.mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
  taro.setClipboardData.mockResolvedValue({ errMsg: 'setClipboardData:ok' })
  taro.showToast.mockResolvedValue({ errMsg: 'showToast:ok' })
}

export interface Call {
  url: string
  method: string
  data?: unknown
  header: Record<string, string>
}

export interface UploadCall {
  url: string
  filePath: string
  name: string
  formData: Record<string, string>
  fileName?: string
  header: Record<string, string>
}

/** The options of every Taro.request() so far. */
export function calls (): Call[] {
  return taro.request.mock.calls.map(([options]) => options as Call)
}

/** The options of every Taro.uploadFile() so far. */
export function uploads (): UploadCall[] {
  return taro.uploadFile.mock.calls.map(([options]) => options as UploadCall)
}

/** What Taro.request() resolves with. */
export function answer (statusCode: number, data: unknown, header: Record<string, string> = {}) {
  return { statusCode, data, header, errMsg: 'request:ok' }
}

/** The API's error body (docs/api.md). */
export function errorBody (code: string, message = `错误 ${code}`, details: Record<string, unknown> = {}) {
  return { code, message, request_id: 'req-1', details }
}
