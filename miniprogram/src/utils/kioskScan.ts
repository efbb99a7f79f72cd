/**
 * Reading an appointment's check-in code at the kiosk: from a keyboard-wedge scanner (it "types" the
 * code and presses Enter) or from the camera. Pure: no @tarojs import.
 */

/** The longest check-in token the API takes (docs/appointments.md). */
export const CHECK_IN_MAX = 32
/** Scanners type a character every few milliseconds; a longer pause starts a new code. */
export const WEDGE_MAX_GAP_MS = 300
const WEDGE_MIN_LENGTH = 4

/**
 * The check-in token in what was scanned: the token itself (`1B.6VAIAJDIEAJD2BTP`), or an address
 * carrying it as `token=` (the appointment's `qr_url`). Null when it cannot be one.
 */
export function checkInCode (scanned: string): string | null {
  let text = scanned.trim()
  const param = /[?&]token=([^&#\s]+)/.exec(text)
  if (param) {
    try {
      text = decodeURIComponent(param[1])
    } catch {
      return null
    }
  }
  if (text.length === 0 || text.length > CHECK_IN_MAX) return null
  return /^[0-9A-Za-z]+\.[0-9A-Za-z]+$/.test(text) ? text : null
}

export interface WedgeReader {
  /** One key as `KeyboardEvent.key`, at `atMs`; true when the key belonged to a code (stop it there). */
  push: (key: string, atMs: number) => boolean
  reset: () => void
}

/**
 * Collects the characters a wedge scanner types and hands over the text when Enter comes. A pause
 * longer than `maxGapMs` between two characters starts again, so stray key presses do not pile up.
 */
export function createWedgeReader (onCode: (text: string) => void, maxGapMs: number = WEDGE_MAX_GAP_MS): WedgeReader {
  let buffer = ''
  let lastAt = -Infinity

  function reset (): void {
    buffer = ''
    lastAt = -Infinity
  }

  function push (key: string, atMs: number): boolean {
    if (key === 'Enter') {
      const text = buffer
      const fresh = atMs - lastAt <= maxGapMs
      reset()
      if (text.length >= WEDGE_MIN_LENGTH && fresh) {
        onCode(text)
        return true
      }
      return false
    }
    if (key.length !== 1) return false // Shift, Tab…: scanners send Shift before capitals
    if (atMs - lastAt > maxGapMs) buffer = ''
    buffer = (buffer + key).slice(-256)
    lastAt = atMs
    return true
  }

  return { push, reset }
}
