/**
 * Turns a /readyz answer into what the home page shows. Pure: no @tarojs import.
 *
 * 200 means ready. Anything else (503 NOT_READY, network failure) is "not available";
 * an error body is the API's `{code, message, request_id, details}` and its `message` is shown.
 */

export interface ApiErrorBody {
  code: string
  message: string
  request_id?: string
  details?: unknown
}

export interface Readiness {
  ok: boolean
  label: string
  detail?: string
}

export const READY_LABEL = '服务正常'
export const NOT_READY_LABEL = '服务暂不可用'

function errorMessage (body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message
    if (typeof message === 'string' && message.trim() !== '') return message
  }
  return undefined
}

export function describeReadiness (statusCode: number, body: unknown): Readiness {
  if (statusCode === 200) return { ok: true, label: READY_LABEL }
  return { ok: false, label: NOT_READY_LABEL, detail: errorMessage(body) ?? `HTTP ${statusCode}` }
}

/** For a request that never got an answer (offline, domain not allowed, CORS...). */
export function describeRequestFailure (error: unknown): Readiness {
  const detail = error && typeof error === 'object' && 'errMsg' in error
    ? String((error as { errMsg: unknown }).errMsg)
    : error instanceof Error ? error.message : undefined
  return { ok: false, label: NOT_READY_LABEL, detail }
}
