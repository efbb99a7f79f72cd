/**
 * 代办: the relative the resident is acting for, if any. Pages that act (book, take a number,
 * apply) send `acting_for` with this resident id, and every page shows a banner while it lasts.
 */
import { readStored, removeStored, writeStored } from './storage'

export const ACTING_KEY = 'palmgov.acting'

export interface Acting {
  /** The grantor's resident id: the value of `acting_for`. */
  residentId: number
  /** Their masked name, for the banner (`张*`). */
  name: string
}

function isActing (value: unknown): value is Acting {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v.residentId === 'number' && Number.isSafeInteger(v.residentId) && v.residentId > 0 &&
    typeof v.name === 'string'
}

export function getActing (): Acting | null {
  return readStored(ACTING_KEY, isActing)
}

export function startActing (acting: Acting): void {
  writeStored(ACTING_KEY, acting)
}

export function stopActing (): void {
  removeStored(ACTING_KEY)
}

/** `{acting_for: id}` to spread into a request while acting, else nothing. */
export function actingFor (): { acting_for?: number } {
  const acting = getActing()
  return acting ? { acting_for: acting.residentId } : {}
}
