/**
 * Where the login tokens live: Taro storage (localStorage on H5, the mini-program's own
 * storage on WeChat and Alipay), under one key.
 */
import Taro from '@tarojs/taro'

import type { Tokens } from './types'

export const TOKENS_KEY = 'palmgov.tokens'

function isTokens (value: unknown): value is Tokens {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v.access_token === 'string' && v.access_token !== '' &&
    typeof v.refresh_token === 'string' && v.refresh_token !== ''
}

/** The stored tokens, or null when logged out (or when storage holds something unreadable). */
export function getTokens (): Tokens | null {
  try {
    let value: unknown = Taro.getStorageSync(TOKENS_KEY)
    if (typeof value === 'string' && value !== '') value = JSON.parse(value)
    return isTokens(value) ? value : null
  } catch {
    return null
  }
}

export function hasTokens (): boolean {
  return getTokens() !== null
}

/** Keeps the token fields of a login or refresh answer (never the resident data that comes with a login). */
export function saveTokens (tokens: Tokens): void {
  const stored: Tokens = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    token_type: tokens.token_type,
    expires_in: tokens.expires_in,
    expires_at: tokens.expires_at,
    refresh_expires_at: tokens.refresh_expires_at,
  }
  Taro.setStorageSync(TOKENS_KEY, stored)
}

export function clearTokens (): void {
  try {
    Taro.removeStorageSync(TOKENS_KEY)
  } catch {
    // Nothing stored, or storage unavailable: either way there are no tokens.
  }
}
