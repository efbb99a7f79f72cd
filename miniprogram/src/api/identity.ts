/** Resident login, phone binding, profile, real name and devices: the /api/v1/auth and /api/v1/me calls the pages use. */
import { rememberElderly } from '../store/preferences'
import { api } from './client'
import { clearTokens, saveTokens } from './tokens'
import type { LoginMethod, Schemas } from './types'

export type Resident = Schemas['Resident']
export type Login = Schemas['Login']
export type LinkedPhone = Schemas['LinkedPhone']
export type SessionList = Schemas['SessionList']
export type SmsPurpose = Schemas['SmsCodeRequest']['purpose']

/**
 * Applies what the account says about this device's look: elderly mode (适老化) follows the
 * resident to every device they log in on. An answer without the field changes nothing.
 */
export function adoptPreferences (resident: Partial<Pick<Resident, 'elderly_mode'>>): void {
  if (typeof resident.elderly_mode === 'boolean') rememberElderly(resident.elderly_mode)
}

/**
 * `POST /api/v1/auth/sms-codes` -> 202 {} (the same whether or not the phone has an account).
 * `login` codes log in; `link_phone` codes verify a phone for an account that has none.
 */
export async function sendSmsCode (phone: string, purpose: SmsPurpose = 'login'): Promise<void> {
  await api.post('/api/v1/auth/sms-codes', { phone, purpose }, { auth: false })
}

async function createSession (body: Record<string, unknown>): Promise<Login> {
  const login = await api.post<Login>('/api/v1/auth/sessions', body, { auth: false })
  saveTokens(login)
  adoptPreferences(login.resident ?? {})
  return login
}

/** `POST /api/v1/auth/sessions {method: "sms", phone, code}`; stores the tokens. */
export function loginWithSms (phone: string, code: string): Promise<Login> {
  return createSession({ method: 'sms', phone, code })
}

/**
 * `POST /api/v1/auth/sessions {method: "wechat" | "alipay", code}`; stores the tokens. WeChat may
 * add `phone_code` (from a getPhoneNumber button), which verifies the phone in the same step.
 */
export function loginWithProviderCode (method: Exclude<LoginMethod, 'sms'>, code: string, phoneCode?: string): Promise<Login> {
  return createSession({ method, code, ...(method === 'wechat' && phoneCode ? { phone_code: phoneCode } : {}) })
}

/**
 * `POST /api/v1/me/phone {phone, code}` with a `link_phone` code. When the phone already had an
 * account, this login joined it and the answer carries new tokens: they replace the old ones.
 */
export async function linkPhone (phone: string, code: string): Promise<Resident> {
  const linked = await api.post<LinkedPhone>('/api/v1/me/phone', { phone, code })
  const tokens = linked.tokens
  if (tokens && typeof tokens.access_token === 'string') saveTokens(tokens as Schemas['Tokens'])
  adoptPreferences(linked.resident)
  return linked.resident
}

export function getMe (): Promise<Resident> {
  return api.get<Resident>('/api/v1/me')
}

/** `POST /api/v1/me/real-name`: needs L1; answers the updated (masked) profile. */
export function bindRealName (name: string, idNumber: string): Promise<Resident> {
  return api.post<Resident>('/api/v1/me/real-name', { name, id_number: idNumber })
}

export function listSessions (): Promise<SessionList> {
  return api.get<SessionList>('/api/v1/me/sessions')
}

export async function endSession (sessionId: string): Promise<void> {
  await api.del(`/api/v1/me/sessions/${encodeURIComponent(sessionId)}`)
}

/**
 * `DELETE /api/v1/auth/sessions/current`. The local tokens go whatever the answer
 * (offline, already ended): the resident asked to be logged out on this device.
 */
export async function logout (): Promise<void> {
  try {
    await api.del('/api/v1/auth/sessions/current', { redirectOnAuthLost: false })
  } finally {
    clearTokens()
  }
}
