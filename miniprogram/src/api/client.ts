/**
 * JSON requests to the PalmGov API through Taro.request (fetch on H5, wx.request / my.request
 * in the mini-programs).
 *
 * - URLs are built with apiUrl() (TARO_APP_API_BASE, empty = same origin).
 * - Every request says `Accept-Language: zh`, so `message` in error bodies is Chinese only.
 * - Authenticated requests send `Authorization: Bearer <access token>`. On
 *   `401 AUTH_TOKEN_EXPIRED` the client refreshes once (`POST /api/v1/auth/refresh` with the
 *   refresh token as Bearer; concurrent requests share one refresh) and retries the request
 *   once. A retried request is never refreshed again, so there is no loop.
 * - When the server refuses the refresh token (401/403), or says the session has ended
 *   (AUTH_TOKEN_REVOKED, AUTH_INVALID_TOKEN, AUTH_REQUIRED), the tokens are cleared and the
 *   user is sent to the login page. A refresh that got no answer or a 5xx/429 keeps the tokens,
 *   so a flaky network does not log anyone out; the error is passed on.
 * - Every failure rejects with an ApiError {status, code, message, requestId, details}.
 */
import Taro from '@tarojs/taro'

import { ApiError, apiErrorFromResponse, networkError } from './errors'
import { clearTokens, getTokens, saveTokens } from './tokens'
import type { Tokens } from './types'
import { apiUrl } from './url'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  /** JSON body (or query parameters for GET). */
  data?: Record<string, unknown> | unknown[]
  /** Send the access token (default true). Login and SMS requests pass false. */
  auth?: boolean
  /** Go to the login page when the session is lost (default true). Logout passes false. */
  redirectOnAuthLost?: boolean
  timeout?: number
}

export const REFRESH_PATH = '/api/v1/auth/refresh'
export const LOGIN_PAGE = '/pages/login/index'
const DEFAULT_TIMEOUT_MS = 15000

/** 401 codes meaning the session is over and only a new login helps. */
const SESSION_LOST_CODES = new Set(['AUTH_TOKEN_REVOKED', 'AUTH_INVALID_TOKEN', 'AUTH_REQUIRED'])

interface RawResponse {
  statusCode: number
  data: unknown
  header: Record<string, unknown>
}

// --- where to go when the session is lost ---------------------------------------------------

function defaultAuthLostHandler (): void {
  try {
    const pages = Taro.getCurrentPages()
    const top = pages[pages.length - 1] as { route?: string, path?: string } | undefined
    const here = top?.route ?? top?.path ?? ''
    if (here.includes('pages/login/index')) return
  } catch {
    // getCurrentPages can throw before the first page is up; go to login anyway.
  }
  Taro.reLaunch({ url: LOGIN_PAGE }).catch(() => undefined)
}

let authLostHandler: () => void = defaultAuthLostHandler

/** Replaces what happens after the tokens are cleared (tests; a page that wants its own flow). */
export function setAuthLostHandler (handler: (() => void) | null): void {
  authLostHandler = handler ?? defaultAuthLostHandler
}

function authLost (usedAccess: string | undefined, redirect: boolean): void {
  // Another request may have logged in again meanwhile: only clear the tokens this request used.
  const current = getTokens()
  if (current && usedAccess !== undefined && current.access_token !== usedAccess &&
      current.refresh_token !== usedAccess) return
  clearTokens()
  if (redirect) authLostHandler()
}

// --- one HTTP exchange -------------------------------------------------------------------------

/** Alipay's my.request fails (error 19) on non-2xx answers but still carries status, data and headers. */
function responseInRejection (error: unknown): RawResponse | null {
  if (!error || typeof error !== 'object') return null
  const e = error as Record<string, unknown>
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.status
  if (typeof status !== 'number' || status < 100 || !('data' in e)) return null
  const header = (e.header ?? e.headers ?? {}) as Record<string, unknown>
  return { statusCode: status, data: e.data, header }
}

async function send (path: string, options: RequestOptions, bearer?: string): Promise<RawResponse> {
  const header: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': 'zh',
  }
  const method = options.method ?? 'GET'
  if (options.data !== undefined && method !== 'GET') header['Content-Type'] = 'application/json'
  if (bearer) header.Authorization = `Bearer ${bearer}`
  try {
    const res = await Taro.request({
      url: apiUrl(path),
      method,
      data: options.data as never,
      header,
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    })
    return { statusCode: res.statusCode, data: res.data, header: (res.header ?? {}) as Record<string, unknown> }
  } catch (error) {
    const response = responseInRejection(error)
    if (response) return response
    throw networkError(error)
  }
}

function isOk (status: number): boolean {
  return status >= 200 && status < 300
}

function errorOf (res: RawResponse): ApiError {
  return apiErrorFromResponse(res.statusCode, res.data, res.header)
}

function bodyOf<T> (res: RawResponse): T {
  if (res.statusCode === 204 || res.data === '' || res.data === undefined) return undefined as T
  if (typeof res.data === 'string') {
    try {
      return JSON.parse(res.data) as T
    } catch {
      return res.data as T
    }
  }
  return res.data as T
}

// --- refresh -----------------------------------------------------------------------------------

let refreshing: Promise<Tokens> | null = null

async function doRefresh (redirect: boolean): Promise<Tokens> {
  const tokens = getTokens()
  if (!tokens) {
    authLost(undefined, redirect)
    throw new ApiError({ status: 401, code: 'AUTH_REQUIRED', message: '请先登录' })
  }
  const res = await send(REFRESH_PATH, { method: 'POST' }, tokens.refresh_token) // network errors pass through
  if (isOk(res.statusCode)) {
    const fresh = bodyOf<Tokens>(res)
    if (fresh && typeof fresh.access_token === 'string' && typeof fresh.refresh_token === 'string') {
      saveTokens(fresh)
      return fresh
    }
    throw new ApiError({ status: res.statusCode, code: 'BAD_RESPONSE', message: '服务返回的内容有误，请稍后再试' })
  }
  const error = errorOf(res)
  if (res.statusCode === 401 || res.statusCode === 403) authLost(tokens.refresh_token, redirect)
  throw error
}

/** Refreshes the tokens; concurrent callers share one refresh request. */
export function refreshTokens (redirectOnAuthLost = true): Promise<Tokens> {
  if (!refreshing) {
    refreshing = doRefresh(redirectOnAuthLost).finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

// --- the public entry point --------------------------------------------------------------------

export async function apiRequest<T = unknown> (path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth !== false
  const redirect = options.redirectOnAuthLost !== false

  if (!auth) {
    const res = await send(path, options)
    if (!isOk(res.statusCode)) throw errorOf(res)
    return bodyOf<T>(res)
  }

  const tokens = getTokens()
  if (!tokens) {
    authLost(undefined, redirect)
    throw new ApiError({ status: 401, code: 'AUTH_REQUIRED', message: '请先登录' })
  }

  let access = tokens.access_token
  let res = await send(path, options, access)
  let retried = false

  if (res.statusCode === 401 && errorOf(res).code === 'AUTH_TOKEN_EXPIRED') {
    const now = getTokens()
    if (now && now.access_token !== access) {
      access = now.access_token // another request refreshed while this one was out
    } else {
      access = (await refreshTokens(redirect)).access_token
    }
    res = await send(path, options, access)
    retried = true
  }

  if (isOk(res.statusCode)) return bodyOf<T>(res)

  const error = errorOf(res)
  if (res.statusCode === 401 && (SESSION_LOST_CODES.has(error.code) || (retried && error.code === 'AUTH_TOKEN_EXPIRED'))) {
    authLost(access, redirect)
  }
  throw error
}

export const api = {
  get: <T = unknown>(path: string, options: Omit<RequestOptions, 'method'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T = unknown>(path: string, data?: RequestOptions['data'], options: Omit<RequestOptions, 'method' | 'data'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', data }),
  del: <T = unknown>(path: string, options: Omit<RequestOptions, 'method'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
}
