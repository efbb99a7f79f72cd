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
 * - `idempotencyKey` is sent as `Idempotency-Key` (see newIdempotencyKey in ./idempotency).
 */
import Taro from '@tarojs/taro'

import { ApiError, apiErrorFromResponse, networkError } from './errors'
import { residentTokens, staffTokens, type TokenStore } from './tokens'
import type { Tokens } from './types'
import { apiUrl } from './url'
import { loginPageUrl } from '../utils/identityRoutes'
import { LOGIN_PAGE, STAFF_LOGIN_PAGE } from '../utils/routes'
import { buildQuery } from './catalogQuery'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  /** JSON body (or query parameters for GET). */
  data?: Record<string, unknown> | unknown[]
  /** Send the access token (default true). Login and SMS requests pass false. */
  auth?: boolean
  /** Go to the login page when the session is lost (default true). Logout passes false. */
  redirectOnAuthLost?: boolean
  /**
   * `Idempotency-Key` for writes a retry could duplicate (bookings, tickets). Make one with
   * newIdempotencyKey() when the resident asks for the action and send the same one on every retry,
   * so a lost answer never books twice.
   */
  idempotencyKey?: string
  /** More headers (the kiosk's and board's `X-Device-Token`). */
  headers?: Record<string, string>
  timeout?: number
}

export const REFRESH_PATH = '/api/v1/auth/refresh'
export const STAFF_REFRESH_PATH = '/api/v1/staff/refresh'
const DEFAULT_TIMEOUT_MS = 15000

/** 401 codes meaning the session is over and only a new login helps. */
const SESSION_LOST_CODES = new Set(['AUTH_TOKEN_REVOKED', 'AUTH_INVALID_TOKEN', 'AUTH_REQUIRED'])

/** An answer as the transport gives it: status, body (JSON or text) and headers. */
export interface RawResponse {
  statusCode: number
  data: unknown
  header: Record<string, unknown>
}

/** Sends one request with the given access token and answers what came back. */
export type Exchange = (bearer: string) => Promise<RawResponse>

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
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey
  Object.assign(header, options.headers)
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

// --- one client per kind of login: residents, staff ---------------------------------------------

/** Whose tokens a client sends, how it refreshes them, and where a lost session goes. */
export interface Realm {
  tokens: TokenStore
  refreshPath: string
  loginPage: string
  /** The login page to open when a session is lost on page `here`, so the person comes back to it. */
  loginUrl?: (here: string) => string
}

/** The page on top, with its query (`/sub/booking/book/index?item=X`), or '' before any page is up. */
function currentPage (): string {
  const pages = Taro.getCurrentPages()
  const top = pages[pages.length - 1] as { route?: string, path?: string, options?: Record<string, string> } | undefined
  if (!top) return ''
  if (top.route) return `/${top.route.replace(/^\//, '')}${buildQuery(top.options ?? {})}`
  return top.path ?? ''
}

export interface Client {
  request: <T = unknown>(path: string, options?: RequestOptions) => Promise<T>
  get: <T = unknown>(path: string, options?: Omit<RequestOptions, 'method'>) => Promise<T>
  post: <T = unknown>(path: string, data?: RequestOptions['data'], options?: Omit<RequestOptions, 'method' | 'data'>) => Promise<T>
  put: <T = unknown>(path: string, data?: RequestOptions['data'], options?: Omit<RequestOptions, 'method' | 'data'>) => Promise<T>
  patch: <T = unknown>(path: string, data?: RequestOptions['data'], options?: Omit<RequestOptions, 'method' | 'data'>) => Promise<T>
  del: <T = unknown>(path: string, options?: Omit<RequestOptions, 'method'>) => Promise<T>
  /** An exchange other than a JSON request (a file upload) with the same tokens, refresh and session rules. */
  authorized: <T = unknown>(exchange: Exchange, redirectOnAuthLost?: boolean) => Promise<T>
  /** Refreshes the tokens; concurrent callers share one refresh request. */
  refresh: (redirectOnAuthLost?: boolean) => Promise<Tokens>
  /** Replaces what happens after the tokens are cleared (tests; a page that wants its own flow). */
  setAuthLostHandler: (handler: (() => void) | null) => void
}

export function createClient (realm: Realm): Client {
  function defaultAuthLostHandler (): void {
    let here = ''
    try {
      here = currentPage()
    } catch {
      // getCurrentPages can throw before the first page is up; go to login anyway.
    }
    if (here.includes(realm.loginPage.replace(/^\//, ''))) return
    const url = here && realm.loginUrl ? realm.loginUrl(here) : realm.loginPage
    Taro.reLaunch({ url }).catch(() => undefined)
  }

  let authLostHandler: () => void = defaultAuthLostHandler

  function authLost (usedAccess: string | undefined, redirect: boolean): void {
    // Another request may have logged in again meanwhile: only clear the tokens this request used.
    const current = realm.tokens.get()
    if (current && usedAccess !== undefined && current.access_token !== usedAccess &&
        current.refresh_token !== usedAccess) return
    realm.tokens.clear()
    if (redirect) authLostHandler()
  }

  let refreshing: Promise<Tokens> | null = null

  async function doRefresh (redirect: boolean): Promise<Tokens> {
    const tokens = realm.tokens.get()
    if (!tokens) {
      authLost(undefined, redirect)
      throw new ApiError({ status: 401, code: 'AUTH_REQUIRED', message: '请先登录' })
    }
    const res = await send(realm.refreshPath, { method: 'POST' }, tokens.refresh_token) // network errors pass through
    if (isOk(res.statusCode)) {
      const fresh = bodyOf<Tokens>(res)
      if (fresh && typeof fresh.access_token === 'string' && typeof fresh.refresh_token === 'string') {
        realm.tokens.save(fresh)
        return fresh
      }
      throw new ApiError({ status: res.statusCode, code: 'BAD_RESPONSE', message: '服务返回的内容有误，请稍后再试' })
    }
    const error = errorOf(res)
    if (res.statusCode === 401 || res.statusCode === 403) authLost(tokens.refresh_token, redirect)
    throw error
  }

  function refresh (redirectOnAuthLost = true): Promise<Tokens> {
    if (!refreshing) {
      refreshing = doRefresh(redirectOnAuthLost).finally(() => {
        refreshing = null
      })
    }
    return refreshing
  }

  /**
   * One authenticated exchange: `exchange` sends with the access token it is given. Refreshes once
   * on AUTH_TOKEN_EXPIRED and retries; a session that is over clears the tokens and goes to login.
   */
  async function authorized<T> (exchange: Exchange, redirect = true): Promise<T> {
    const tokens = realm.tokens.get()
    if (!tokens) {
      authLost(undefined, redirect)
      throw new ApiError({ status: 401, code: 'AUTH_REQUIRED', message: '请先登录' })
    }

    let access = tokens.access_token
    let res = await exchange(access)
    let retried = false

    if (res.statusCode === 401 && errorOf(res).code === 'AUTH_TOKEN_EXPIRED') {
      const now = realm.tokens.get()
      if (now && now.access_token !== access) {
        access = now.access_token // another request refreshed while this one was out
      } else {
        access = (await refresh(redirect)).access_token
      }
      res = await exchange(access)
      retried = true
    }

    if (isOk(res.statusCode)) return bodyOf<T>(res)

    const error = errorOf(res)
    if (res.statusCode === 401 && (SESSION_LOST_CODES.has(error.code) || (retried && error.code === 'AUTH_TOKEN_EXPIRED'))) {
      authLost(access, redirect)
    }
    throw error
  }

  async function request<T = unknown> (path: string, options: RequestOptions = {}): Promise<T> {
    const redirect = options.redirectOnAuthLost !== false
    if (options.auth === false) {
      const res = await send(path, options)
      if (!isOk(res.statusCode)) throw errorOf(res)
      return bodyOf<T>(res)
    }
    return authorized<T>((bearer) => send(path, options, bearer), redirect)
  }

  return {
    request,
    authorized,
    get: (path, options = {}) => request(path, { ...options, method: 'GET' }),
    post: (path, data, options = {}) => request(path, { ...options, method: 'POST', data }),
    put: (path, data, options = {}) => request(path, { ...options, method: 'PUT', data }),
    patch: (path, data, options = {}) => request(path, { ...options, method: 'PATCH', data }),
    del: (path, options = {}) => request(path, { ...options, method: 'DELETE' }),
    refresh,
    setAuthLostHandler: (handler) => {
      authLostHandler = handler ?? defaultAuthLostHandler
    },
  }
}

/** Residents: the app's own login. */
export const api = createClient({
  tokens: residentTokens,
  refreshPath: REFRESH_PATH,
  loginPage: LOGIN_PAGE,
  loginUrl: (here) => loginPageUrl({ redirect: here }),
})
export const apiRequest = api.request
export const refreshTokens = api.refresh
export const setAuthLostHandler = api.setAuthLostHandler

/** Hall staff (the window console, the supervisor dashboard): staff tokens, kept apart from a resident's. */
export const staffApi = createClient({ tokens: staffTokens, refreshPath: STAFF_REFRESH_PATH, loginPage: STAFF_LOGIN_PAGE })
