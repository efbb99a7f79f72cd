/** Resident login, profile, real name and devices: the /api/v1/auth and /api/v1/me calls the pages use. */
import { api } from './client'
import { clearTokens, saveTokens } from './tokens'
import type { LoginMethod, LoginResponse, Resident, SessionList } from './types'

/** `POST /api/v1/auth/sms-codes` -> 202 {} (the same whether or not the phone has an account). */
export async function sendLoginCode (phone: string): Promise<void> {
  await api.post('/api/v1/auth/sms-codes', { phone, purpose: 'login' }, { auth: false })
}

async function createSession (body: Record<string, unknown>): Promise<LoginResponse> {
  const login = await api.post<LoginResponse>('/api/v1/auth/sessions', body, { auth: false })
  saveTokens(login)
  return login
}

/** `POST /api/v1/auth/sessions {method: "sms", phone, code}`; stores the tokens. */
export function loginWithSms (phone: string, code: string): Promise<LoginResponse> {
  return createSession({ method: 'sms', phone, code })
}

/** `POST /api/v1/auth/sessions {method: "wechat" | "alipay", code}`; stores the tokens. */
export function loginWithProviderCode (method: Exclude<LoginMethod, 'sms'>, code: string): Promise<LoginResponse> {
  return createSession({ method, code })
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
