/**
 * 适老化 (elderly mode) on this device. The resident's choice lives on the server
 * (`/api/v1/me/preferences`, and `elderly_mode` in the profile); this copy lets every page, and
 * the home page before login, show it at once.
 */
import { readStored, removeStored, writeStored } from './storage'

export const ELDERLY_KEY = 'palmgov.elderly'

function isBoolean (value: unknown): value is boolean {
  return typeof value === 'boolean'
}

export function isElderly (): boolean {
  return readStored(ELDERLY_KEY, isBoolean) ?? false
}

const listeners = new Set<(on: boolean) => void>()

/** Called with the new value whenever rememberElderly() changes it; returns the unsubscribe. */
export function onElderlyChange (listener: (on: boolean) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function rememberElderly (on: boolean): void {
  writeStored(ELDERLY_KEY, on)
  listeners.forEach((listener) => listener(on))
}

export function forgetElderly (): void {
  removeStored(ELDERLY_KEY)
}
