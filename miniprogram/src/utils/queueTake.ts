/** The choices of the take-a-number page (取号): halls, lines with how many wait, services. Pure: no @tarojs import. */
import type { HandledAt, ItemSummary, QueueCategory } from '../api/catalogTypes'
import { isApiError } from '../api/errors'
import type { Schemas } from '../api/types'

type Board = Schemas['Board']

export interface LineView {
  prefix: string
  name: string
  /** Tickets waiting in the line now; null when the board did not answer. */
  waiting: number | null
}

/** The lines at one hall that handle the item, in the order the guide lists them. */
export function itemLinesAt (handledAt: readonly HandledAt[], hallId: number): { prefix: string, name: string }[] {
  const seen = new Set<string>()
  const lines: { prefix: string, name: string }[] = []
  for (const line of handledAt) {
    if (line.hall_id !== hallId || seen.has(line.category)) continue
    seen.add(line.category)
    lines.push({ prefix: line.category, name: line.category_name })
  }
  return lines
}

/** The lines with their waiting counts from the hall's board (null counts without a board). */
export function withWaiting (lines: readonly { prefix: string, name: string }[], board: Board | null | undefined): LineView[] {
  const counts = new Map((board?.waiting ?? []).map((line) => [line.prefix, line.waiting]))
  return lines.map((line) => ({ ...line, waiting: counts.get(line.prefix) ?? (board ? 0 : null) }))
}

/** `现在排队 5 人`; with several lines `现在排队：A 社保医保 5 人，B 户籍证件 0 人`; '' when unknown. */
export function waitingText (lines: readonly LineView[]): string {
  const known = lines.filter((line) => line.waiting !== null)
  if (known.length === 0) return ''
  if (known.length === 1) return `现在排队 ${known[0].waiting} 人`
  return `现在排队：${known.map((line) => `${line.prefix} ${line.name} ${line.waiting} 人`).join('，')}`
}

/**
 * The hall chosen when the page opens: the one asked for (when listed), the only one, else the
 * first open now; null leaves the choice to the resident.
 */
export function initialHall (halls: readonly { id: number, open_now: boolean }[], wanted: number | null): number | null {
  if (wanted !== null && halls.some((hall) => hall.id === wanted)) return wanted
  if (halls.length === 1) return halls[0].id
  return halls.find((hall) => hall.open_now)?.id ?? null
}

export interface ServiceGroup extends LineView {
  items: ItemSummary[]
}

/**
 * A hall's services by line (the line the API would put a ticket in: the first that handles the
 * item). Items no line handles cannot get a number and are left out, and so are empty lines.
 */
export function groupServices (
  categories: readonly QueueCategory[], items: readonly ItemSummary[], board: Board | null | undefined,
): ServiceGroup[] {
  const byCode = new Map(items.map((item) => [item.code, item]))
  const placed = new Set<string>()
  const lines = withWaiting(categories.map((c) => ({ prefix: c.prefix, name: c.name })), board)
  const groups: ServiceGroup[] = []
  categories.forEach((category, index) => {
    const found: ItemSummary[] = []
    for (const code of category.items) {
      const item = byCode.get(code)
      if (item && !placed.has(code)) {
        placed.add(code)
        found.push(item)
      }
    }
    if (found.length) groups.push({ ...lines[index], items: found })
  })
  return groups
}

/** What one tap asks for: a new Idempotency-Key when any of it changes, the same key when retried. */
export function takeSignature (hallId: number, itemCode: string, actingFor?: number): string {
  return `${hallId}|${itemCode}|${actingFor ?? ''}`
}

/** The ticket an ALREADY_QUEUED answer points at (`details.ticket_id`, `details.number`), or null. */
export function heldTicket (error: unknown): { id: number | null, number: string } | null {
  if (!isApiError(error) || error.code !== 'ALREADY_QUEUED') return null
  const id = error.details.ticket_id
  const number = error.details.number
  return {
    id: typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null,
    number: typeof number === 'string' ? number : '',
  }
}
