/**
 * The kiosk's screens as a state machine: home (lines, scan, 绿色通道) → item → how to identify →
 * number pad → taking → the ticket; or scan → checking → the ticket; any failure → a plain error.
 * Also the lines to offer, the request body, and the idle reset. Pure: no @tarojs import.
 */
import type { Board } from '../api/board'
import type { HallDetail, ItemSummary } from '../api/catalogTypes'
import type { KioskTicket, KioskTicketRequest } from '../api/kiosk'
import type { PadMode } from './kioskPad'

export interface KioskItem {
  code: string
  name: string
  /** The case within the item (子项): 租赁住房提取. */
  detail: string | null
}

/** A line (queue category) as the kiosk offers it. */
export interface KioskLine {
  prefix: string
  name: string
  items: KioskItem[]
  /** Waiting now (from the board); null when unknown. */
  waiting: number | null
}

export interface Choice {
  prefix: string
  lineName: string
  /** The item chosen; none: a ticket for the line (不确定具体事项). */
  item: KioskItem | null
}

export type Identify = 'id' | 'phone' | 'none'

/** What a failed action was, so 重试 repeats it exactly (same body, same Idempotency-Key). */
export type Attempt =
  | { kind: 'take', request: KioskTicketRequest, key: string, choice: Choice }
  | { kind: 'check-in', code: string }

export type Step =
  | { name: 'home' }
  | { name: 'green' }
  | { name: 'items', line: KioskLine }
  | { name: 'identify', choice: Choice, line: KioskLine }
  | { name: 'pad', choice: Choice, line: KioskLine, mode: PadMode, value: string }
  | { name: 'scan', camera: boolean }
  | { name: 'busy', attempt: Attempt }
  | { name: 'ticket', ticket: KioskTicket, checkedIn: boolean }
  | { name: 'error', error: unknown, attempt: Attempt }

export interface KioskState {
  step: Step
  /** 绿色通道 confirmed by staff for this visitor (cleared on reset). */
  green: boolean
}

export type KioskAction =
  | { type: 'reset' }
  | { type: 'green' }
  | { type: 'green-confirmed' }
  | { type: 'green-cancel' }
  | { type: 'line', line: KioskLine }
  | { type: 'item', item: KioskItem | null }
  | { type: 'identify', how: Identify, key: string }
  | { type: 'pad', value: string }
  | { type: 'pad-confirm', key: string }
  | { type: 'scan' }
  | { type: 'camera', on: boolean }
  | { type: 'scanned', code: string }
  | { type: 'done', ticket: KioskTicket }
  | { type: 'failed', error: unknown }
  | { type: 'retry' }
  | { type: 'back' }

export const START: KioskState = { step: { name: 'home' }, green: false }

/** The body of `POST /api/v1/kiosk/tickets`: the item (or the line's letter), who, and 绿色通道. */
export function ticketRequest (choice: Choice, how: Identify, value: string, green: boolean): KioskTicketRequest {
  const request: KioskTicketRequest = choice.item ? { item_code: choice.item.code, green } : { prefix: choice.prefix, green }
  if (how === 'phone') request.phone = value
  if (how === 'id') request.id_number = value
  return request
}

function take (state: KioskState, choice: Choice, how: Identify, value: string, key: string): KioskState {
  const attempt: Attempt = { kind: 'take', request: ticketRequest(choice, how, value, state.green), key, choice }
  return { ...state, step: { name: 'busy', attempt } }
}

function afterLine (line: KioskLine): Step {
  // One item or none: nothing to choose, the ticket is for the line (and its item, if it has one).
  if (line.items.length <= 1) {
    return { name: 'identify', line, choice: { prefix: line.prefix, lineName: line.name, item: line.items[0] ?? null } }
  }
  return { name: 'items', line }
}

function back (state: KioskState): KioskState {
  const step = state.step
  switch (step.name) {
    case 'pad':
      return { ...state, step: { name: 'identify', choice: step.choice, line: step.line } }
    case 'identify':
      return { ...state, step: step.line.items.length > 1 ? { name: 'items', line: step.line } : { name: 'home' } }
    case 'scan':
      return { ...state, step: step.camera ? { name: 'scan', camera: false } : { name: 'home' } }
    case 'busy':
      return state // an answer is on its way: wait for it
    default:
      return { ...state, step: { name: 'home' } }
  }
}

export function kioskReducer (state: KioskState, action: KioskAction): KioskState {
  const step = state.step
  switch (action.type) {
    case 'reset':
      return START
    case 'green':
      return { ...state, step: { name: 'green' } }
    case 'green-confirmed':
      return { step: { name: 'home' }, green: true }
    case 'green-cancel':
      return { step: { name: 'home' }, green: false }
    case 'line':
      return { ...state, step: afterLine(action.line) }
    case 'item':
      if (step.name !== 'items') return state
      return {
        ...state,
        step: { name: 'identify', line: step.line, choice: { prefix: step.line.prefix, lineName: step.line.name, item: action.item } },
      }
    case 'identify':
      if (step.name !== 'identify') return state
      if (action.how === 'none') return take(state, step.choice, 'none', '', action.key)
      return { ...state, step: { name: 'pad', choice: step.choice, line: step.line, mode: action.how, value: '' } }
    case 'pad':
      return step.name === 'pad' ? { ...state, step: { ...step, value: action.value } } : state
    case 'pad-confirm':
      return step.name === 'pad' ? take(state, step.choice, step.mode, step.value, action.key) : state
    case 'scan':
      return { ...state, step: { name: 'scan', camera: false } }
    case 'camera':
      return step.name === 'scan' ? { ...state, step: { name: 'scan', camera: action.on } } : state
    case 'scanned':
      // A code read while another answer is on its way, or while a ticket is being printed, waits its turn.
      if (step.name === 'busy' || step.name === 'ticket') return state
      return { ...state, step: { name: 'busy', attempt: { kind: 'check-in', code: action.code } } }
    case 'done':
      if (step.name !== 'busy') return state
      return { step: { name: 'ticket', ticket: action.ticket, checkedIn: step.attempt.kind === 'check-in' }, green: false }
    case 'failed':
      return step.name === 'busy' ? { ...state, step: { name: 'error', error: action.error, attempt: step.attempt } } : state
    case 'retry':
      return step.name === 'error' ? { ...state, step: { name: 'busy', attempt: step.attempt } } : state
    case 'back':
      return back(state)
    default:
      return state
  }
}

/** The hall's lines with the names of their items (those the catalog lists at the hall) and who waits. */
export function kioskLines (
  hall: Pick<HallDetail, 'categories'>,
  items: readonly Pick<ItemSummary, 'code' | 'name' | 'sub_item'>[],
  board?: Pick<Board, 'waiting'> | null,
): KioskLine[] {
  const known = new Map(items.map((item) => [item.code, item]))
  const waiting = new Map((board?.waiting ?? []).map((line) => [line.prefix, line.waiting]))
  return (hall.categories ?? []).map((category) => ({
    prefix: category.prefix,
    name: category.name,
    items: category.items.flatMap((code) => {
      const item = known.get(code)
      return item ? [{ code, name: item.name, detail: item.sub_item || null }] : []
    }),
    waiting: waiting.get(category.prefix) ?? null,
  }))
}

/** A line's items in a few words: `社会保障卡申领、失业登记等` (each name once). */
export function itemsSummary (items: readonly KioskItem[], shown = 3): string {
  const names = [...new Set(items.map((item) => item.name))]
  return names.slice(0, shown).join('、') + (names.length > shown ? '等' : '')
}

/** `等候 5 人`, `无人等候`; '' when unknown. */
export function waitingWords (waiting: number | null): string {
  if (waiting === null || !Number.isFinite(waiting) || waiting < 0) return ''
  return waiting === 0 ? '无人等候' : `等候 ${waiting} 人`
}

// --- Going back to the start when nobody is using the kiosk ---------------------------------------

export const IDLE_SECONDS = 30
export const COUNTDOWN_SECONDS = 10

/** Whether the idle reset applies: not on the start screen, and not while an answer is on its way. */
export function idleApplies (step: Step): boolean {
  return step.name !== 'home' && step.name !== 'busy'
}

/** Whole seconds left before the reset (0: reset now). */
export function idleSecondsLeft (lastActivityMs: number, nowMs: number, idleSeconds: number = IDLE_SECONDS): number {
  const left = idleSeconds - (nowMs - lastActivityMs) / 1000
  return Math.max(0, Math.ceil(left))
}

/** The visible countdown shows in the last 10 seconds. */
export function showCountdown (secondsLeft: number): boolean {
  return secondsLeft > 0 && secondsLeft <= COUNTDOWN_SECONDS
}

// --- The hidden settings corner -------------------------------------------------------------------

export const SECRET_TAPS = 5
export const SECRET_WINDOW_MS = 3000

/** Taps on the settings corner: five within three seconds open the reset (a resident's stray tap does not). */
export function secretTap (previous: readonly number[], nowMs: number): { taps: number[], open: boolean } {
  const taps = [...previous.filter((at) => nowMs - at < SECRET_WINDOW_MS), nowMs]
  return taps.length >= SECRET_TAPS ? { taps: [], open: true } : { taps, open: false }
}
