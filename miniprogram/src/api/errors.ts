/**
 * The API's error body `{code, message, request_id, details}` as a typed error. Pure: no @tarojs import.
 *
 * Every failed call of the client rejects with an ApiError, including answers that never came
 * (status 0, code NETWORK_ERROR) and error pages that are not JSON (code HTTP_<status>).
 */

export type ErrorDetails = Record<string, unknown>

export interface ApiErrorInit {
  status: number
  code: string
  message: string
  requestId?: string
  details?: ErrorDetails
  /** Seconds from a `Retry-After` header (429, some 503s). */
  retryAfter?: number
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly requestId: string
  readonly details: ErrorDetails
  readonly retryAfter?: number

  constructor (init: ApiErrorInit) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId ?? ''
    this.details = init.details ?? {}
    this.retryAfter = init.retryAfter
    // Keep `instanceof ApiError` working when compiled down to ES5 classes.
    Object.setPrototypeOf(this, ApiError.prototype)
  }
}

export function isApiError (value: unknown): value is ApiError {
  return value instanceof ApiError
}

export const NETWORK_ERROR = 'NETWORK_ERROR'
export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'

/** What a status means when the body says nothing usable (an HTML error page from a proxy, an empty 502...). */
export function fallbackMessage (status: number): string {
  if (status === 401) return '请先登录'
  if (status === 403) return '没有权限进行此操作'
  if (status === 404) return '找不到请求的内容'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return '服务暂时不可用，请稍后再试'
  return `请求失败（${status}）`
}

/** A header value regardless of case: H5 gives lower-case names, the mini-programs the server's spelling. */
export function headerValue (headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === wanted && value !== undefined && value !== null) return String(value)
  }
  return undefined
}

/** `Retry-After` in seconds (the API only sends delta-seconds); undefined when absent or unreadable. */
export function parseRetryAfter (value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (!/^\d+$/.test(trimmed)) return undefined
  return parseInt(trimmed, 10)
}

function parseBody (data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function nonEmptyString (value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** Turns a non-2xx answer into an ApiError. `data` may be the parsed body, a JSON string or anything else. */
export function apiErrorFromResponse (status: number, data: unknown, headers?: unknown): ApiError {
  const body = parseBody(data)
  const retryAfter = parseRetryAfter(headerValue(headers, 'Retry-After'))
  const headerRequestId = headerValue(headers, 'X-Request-ID')
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>
    const code = nonEmptyString(b.code)
    if (code) {
      const details = b.details && typeof b.details === 'object' && !Array.isArray(b.details)
        ? b.details as ErrorDetails
        : {}
      return new ApiError({
        status,
        code,
        message: nonEmptyString(b.message) ?? fallbackMessage(status),
        requestId: nonEmptyString(b.request_id) ?? headerRequestId,
        details,
        retryAfter,
      })
    }
  }
  return new ApiError({
    status,
    code: `HTTP_${status}`,
    message: fallbackMessage(status),
    requestId: headerRequestId,
    retryAfter,
  })
}

/** For a request that got no answer at all (offline, timeout, domain not on the allowed list). */
export function networkError (cause: unknown): ApiError {
  let reason: string | undefined
  if (cause && typeof cause === 'object') {
    const c = cause as Record<string, unknown>
    reason = nonEmptyString(c.errMsg) ?? nonEmptyString(c.errorMessage) ?? nonEmptyString(c.message)
  }
  return new ApiError({ status: 0, code: NETWORK_ERROR, message: NETWORK_MESSAGE, details: reason ? { reason } : {} })
}

/** Seconds to wait before asking again: `details.retry_after`, else the `Retry-After` header. */
export function retryAfterSeconds (error: ApiError): number | undefined {
  const fromDetails = error.details.retry_after
  if (typeof fromDetails === 'number' && Number.isFinite(fromDetails) && fromDetails > 0) return Math.ceil(fromDetails)
  return error.retryAfter !== undefined && error.retryAfter > 0 ? error.retryAfter : undefined
}

/**
 * The text a page shows for an error: the API's own message, plus what the details add that
 * a resident can act on (attempts left for a wrong SMS code).
 */
export function errorText (error: unknown): string {
  if (!isApiError(error)) {
    return error instanceof Error && error.message ? error.message : '操作失败，请稍后再试'
  }
  const attemptsLeft = error.details.attempts_left
  if (error.code === 'OTP_INVALID' && typeof attemptsLeft === 'number') {
    return `${error.message}，还可尝试 ${attemptsLeft} 次`
  }
  return error.message
}
