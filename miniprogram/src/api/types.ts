/**
 * Shapes of the Flask API's JSON (snake_case, as sent). `Schemas` is generated from the backend's
 * OpenAPI spec (schema.d.ts, `make api-types`), so a request or answer the backend changes breaks the
 * typecheck here; the few hand-written types below are the client's own.
 */
import type { components } from './schema'

export type Schemas = components['schemas']

export interface Tokens {
  access_token: string
  refresh_token: string
  token_type?: string
  /** Seconds the access token lives. */
  expires_in?: number
  expires_at?: string
  refresh_expires_at?: string
}

export type LoginMethod = 'sms' | 'wechat' | 'alipay'

