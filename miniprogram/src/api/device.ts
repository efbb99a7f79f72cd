/**
 * Hall devices (kiosks, display boards, evaluator pads; docs/staff.md): the device token kept on
 * the device, and requests that send it as `X-Device-Token` instead of anyone's login.
 *
 * The token is stored as `{token}` under `palmgov.device.token` (Taro storage: localStorage on
 * H5), so it survives reloads and restarts of the browser; only the reset gesture on the screen
 * clears it. Failures reject with ApiError; `DEVICE_TOKEN_INVALID` (401) means the token is unknown
 * or was revoked: the screen must ask for a new one.
 */
import { readStored, removeStored, writeStored } from '../store/storage'
import { api, type RequestOptions } from './client'
import { isApiError } from './errors'
import type { Schemas } from './types'

export type Device = Schemas['Device']
export type DeviceKind = Device['kind']

export const DEVICE_TOKEN_KEY = 'palmgov.device.token'
export const DEVICE_TOKEN_INVALID = 'DEVICE_TOKEN_INVALID'

interface StoredToken {
  token: string
}

function isStoredToken (value: unknown): value is StoredToken {
  return !!value && typeof value === 'object' && typeof (value as StoredToken).token === 'string' &&
    (value as StoredToken).token !== ''
}

/** What was typed or pasted as a token: without spaces, line breaks or quotes around it. */
export function cleanDeviceToken (text: string): string {
  return text.replace(/\s+/g, '').replace(/^["'“”]+|["'“”]+$/g, '')
}

export function getDeviceToken (): string | null {
  return readStored(DEVICE_TOKEN_KEY, isStoredToken)?.token ?? null
}

export function saveDeviceToken (token: string): void {
  writeStored(DEVICE_TOKEN_KEY, { token })
}

export function clearDeviceToken (): void {
  removeStored(DEVICE_TOKEN_KEY)
}

/** A request as the device: no login, its token as `X-Device-Token`. */
export function deviceRequest<T = unknown> (token: string, path: string, options: RequestOptions = {}): Promise<T> {
  return api.request<T>(path, {
    ...options,
    auth: false,
    headers: { ...options.headers, 'X-Device-Token': token },
  })
}

/** `GET /api/v1/devices/me`: which device this token is (its hall and kind). */
export function whoAmI (token: string): Promise<Device> {
  return deviceRequest<Device>(token, '/api/v1/devices/me')
}

/** The server no longer knows this device's token (never registered, or revoked). */
export function isTokenRefused (error: unknown): boolean {
  return isApiError(error) && error.code === DEVICE_TOKEN_INVALID
}
