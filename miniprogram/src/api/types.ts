/** Shapes of the Flask API's JSON (snake_case, as sent). See /api/docs/openapi.json. */

export interface Tokens {
  access_token: string
  refresh_token: string
  token_type?: string
  /** Seconds the access token lives. */
  expires_in?: number
  expires_at?: string
  refresh_expires_at?: string
}

/** A resident as they see themselves: personal data masked by the server (`138****8000`, `张*`). */
export interface Resident {
  id: number
  phone?: string | null
  name?: string | null
  id_number?: string | null
  /** 0 none, 1 phone, 2 real name, 3 face. */
  assurance_level: number
  real_name_at?: string | null
}

export interface LoginResponse extends Tokens {
  resident: Resident
}

export type LoginMethod = 'sms' | 'wechat' | 'alipay'

export interface SessionInfo {
  id: string
  method: string
  client: string
  ip: string
  created_at: string
  last_used_at: string
  expires_at: string
  current: boolean
}

export interface SessionList {
  items: SessionInfo[]
  total: number
}
