/**
 * Where login tokens live: Taro storage (localStorage on H5, the mini-program's own storage on
 * WeChat and Alipay), one key per kind of login: a resident's, and hall staff's on the hall screens.
 */
import { stopActing } from '../store/acting'
import { readStored, removeStored, writeStored } from '../store/storage'
import type { Tokens } from './types'

export const TOKENS_KEY = 'palmgov.tokens'
export const STAFF_TOKENS_KEY = 'palmgov.staff.tokens'

export interface TokenStore {
  /** The stored tokens, or null when logged out (or when storage holds something unreadable). */
  get: () => Tokens | null
  /** Keeps the token fields of a login or refresh answer (never the person data that comes with a login). */
  save: (tokens: Tokens) => void
  clear: () => void
}

function isTokens (value: unknown): value is Tokens {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v.access_token === 'string' && v.access_token !== '' &&
    typeof v.refresh_token === 'string' && v.refresh_token !== ''
}

function tokenStore (key: string, onClear: () => void = () => undefined): TokenStore {
  return {
    get: () => readStored(key, isTokens),
    save: (tokens) => {
      const stored: Tokens = {
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        token_type: tokens.token_type,
        expires_in: tokens.expires_in,
        expires_at: tokens.expires_at,
        refresh_expires_at: tokens.refresh_expires_at,
      }
      writeStored(key, stored)
    },
    clear: () => {
      removeStored(key)
      onClear()
    },
  }
}

/** A resident's session; ending it also ends any 代办 it was doing. */
export const residentTokens = tokenStore(TOKENS_KEY, stopActing)
export const staffTokens = tokenStore(STAFF_TOKENS_KEY)

export const getTokens = residentTokens.get
export const saveTokens = residentTokens.save
export const clearTokens = residentTokens.clear

export function hasTokens (): boolean {
  return getTokens() !== null
}
