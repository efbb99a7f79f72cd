/**
 * Multipart uploads through Taro.uploadFile (XMLHttpRequest on H5, wx.uploadFile / my.uploadFile in
 * the mini-programs). The transport differs from Taro.request, the rules do not: the upload goes
 * through the client's `authorized()`, so the Bearer token, the one refresh on AUTH_TOKEN_EXPIRED,
 * a lost session and the ApiError mapping are the JSON client's own.
 */
import Taro from '@tarojs/taro'

import { api, type RawResponse } from './client'
import { networkError } from './errors'
import { apiUrl } from './url'

export interface UploadOptions {
  /** The local file: a temp path in the mini-programs, a blob: URL on H5. */
  filePath: string
  /** The multipart field of the file. */
  name: string
  /** Other multipart fields. */
  formData?: Record<string, string>
  /** The file's name as the resident knows it (H5 only; the mini-programs send the temp name). */
  fileName?: string
  timeout?: number
}

const UPLOAD_TIMEOUT_MS = 60000

async function send (path: string, options: UploadOptions, bearer: string): Promise<RawResponse> {
  const request = {
    url: apiUrl(path),
    filePath: options.filePath,
    name: options.name,
    formData: options.formData,
    header: { Accept: 'application/json', 'Accept-Language': 'zh', Authorization: `Bearer ${bearer}` },
    timeout: options.timeout ?? UPLOAD_TIMEOUT_MS,
    ...(options.fileName ? { fileName: options.fileName } : {}),
    // my.uploadFile wants to know the kind of file; a PDF is not offered there.
    ...(process.env.TARO_ENV === 'alipay' ? { fileType: 'image' } : {}),
  }
  try {
    const res = await Taro.uploadFile(request as Taro.uploadFile.Option)
    return { statusCode: res.statusCode, data: res.data, header: {} }
  } catch (error) {
    // Alipay fails non-2xx answers but still carries them.
    const e = (error ?? {}) as Record<string, unknown>
    if (typeof e.statusCode === 'number' && e.statusCode >= 100) return { statusCode: e.statusCode, data: e.data, header: {} }
    throw networkError(error)
  }
}

/** Uploads one file to `path` and answers the API's JSON, with the client's token, refresh and session rules. */
export function uploadFile<T> (path: string, options: UploadOptions): Promise<T> {
  return api.authorized<T>((bearer) => send(path, options, bearer))
}
