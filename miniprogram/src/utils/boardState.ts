/**
 * What the display board shows, kept up to date from the stream: a snapshot replaces everything, a
 * `call` event puts the ticket on top, a `ticket` event sets a line's waiting count. Also the clock and
 * the announcement. Pure: no @tarojs import.
 */
import type { Board, BoardCall, CallEvent, LineEvent } from '../api/board'
import { windowLabel } from './queueFormat'

export const NOW_CALLING_MAX = 5
export const RECENT_CALLS_MAX = 10
/** A call this old is not announced when it arrives late (replayed after a reconnect). */
export const ANNOUNCE_MAX_AGE_MS = 2 * 60 * 1000

/** The data line of an event as an object; null when it is not JSON of an object. */
export function parseEventData<T> (raw: unknown): T | null {
  if (typeof raw !== 'string') return null
  try {
    const value: unknown = JSON.parse(raw)
    return value && typeof value === 'object' && !Array.isArray(value) ? value as T : null
  } catch {
    return null
  }
}

export function isCallEvent (value: unknown): value is CallEvent {
  const v = value as Partial<CallEvent> | null
  return !!v && typeof v.number === 'string' && typeof v.window === 'string' && typeof v.category === 'string'
}

export function isLineEvent (value: unknown): value is LineEvent {
  const v = value as Partial<LineEvent> | null
  return !!v && typeof v.category === 'string' && typeof v.waiting === 'number'
}

function withCount (board: Board, category: string, waiting: number): Board['waiting'] {
  return board.waiting.map((line) => (line.prefix === category ? { ...line, waiting } : line))
}

/** The board after a call: the ticket first in both lists (once), its line's count as the event says. */
export function applyCall (board: Board, event: CallEvent): Board {
  const call: BoardCall = {
    number: event.number,
    category: event.category,
    window: event.window,
    called_at: event.called_at,
    announcement: announcementText(event),
  }
  const others = (calls: BoardCall[]): BoardCall[] => calls.filter((c) => c.number !== call.number)
  return {
    ...board,
    now_calling: [call, ...others(board.now_calling)].slice(0, NOW_CALLING_MAX),
    recent_calls: [call, ...others(board.recent_calls)].slice(0, RECENT_CALLS_MAX),
    waiting: typeof event.waiting === 'number' ? withCount(board, event.category, event.waiting) : board.waiting,
  }
}

export function applyLine (board: Board, event: LineEvent): Board {
  return { ...board, waiting: withCount(board, event.category, event.waiting) }
}

/** The call shown very large: the latest one. */
export function heroCall (board: Board | null): BoardCall | null {
  if (!board) return null
  return board.now_calling[0] ?? board.recent_calls[0] ?? null
}

/** 请A001号到3号窗口办理: the event's own text, or made from its number and window. */
export function announcementText (call: Pick<BoardCall, 'number' | 'window'> & { announcement?: string }): string {
  const text = (call.announcement ?? '').trim()
  return text || `请${call.number}号到${windowLabel(call.window)}号窗口办理`
}

/**
 * Whether a call event should be spoken: not one already spoken (by its event id), and not one that
 * happened minutes ago (replayed after the board was away).
 */
export function shouldAnnounce (eventId: string, calledAt: string, nowMs: number, spoken: ReadonlySet<string>): boolean {
  if (eventId && spoken.has(eventId)) return false
  const at = Date.parse(calledAt)
  return Number.isNaN(at) || nowMs - at <= ANNOUNCE_MAX_AGE_MS
}

/** Total waiting across the lines. */
export function totalWaiting (board: Board | null): number {
  return (board?.waiting ?? []).reduce((sum, line) => sum + (Number.isFinite(line.waiting) ? line.waiting : 0), 0)
}

// --- The clock ------------------------------------------------------------------------------------

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

interface LocalParts {
  year: number
  month: number
  day: number
  weekday: number
  hour: number
  minute: number
  second: number
}

function localParts (nowMs: number, timeZone: string): LocalParts {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(nowMs))
    const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value)
    const year = part('year')
    const month = part('month')
    const day = part('day')
    if ([year, month, day].every(Number.isInteger)) {
      return {
        year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
        hour: part('hour') % 24, minute: part('minute'), second: part('second'),
      }
    }
  } catch {
    // No time zone support: every hall is in China.
  }
  const local = new Date(nowMs + CHINA_OFFSET_MS)
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), weekday: local.getUTCDay(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds(),
  }
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** `10:05:09` at the hall. */
export function clockText (nowMs: number, timeZone: string): string {
  const p = localParts(nowMs, timeZone)
  return `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`
}

/** `2026年11月23日 星期一` at the hall. */
export function dateText (nowMs: number, timeZone: string): string {
  const p = localParts(nowMs, timeZone)
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]}`
}
