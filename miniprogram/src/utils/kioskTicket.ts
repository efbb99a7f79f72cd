/**
 * The ticket a kiosk prints (and shows): the big number, hall, line, people ahead, the time, and the
 * QR code's link. Pure: no @tarojs import.
 */
import type { KioskTicket } from '../api/kiosk'
import { aheadText, lineText, priorityText } from './queueFormat'

export interface PrintedTicket {
  number: string
  hall: string
  line: string
  ahead: string
  /** `2026-11-23 10:05`, hall time. */
  time: string
  priority: string
  followUrl: string
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** `2026-11-23 10:05` for an ISO moment, in the hall's timezone ('' when unreadable). */
export function hallDateTime (iso: string, timeZone: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(ms))
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? ''
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
  } catch {
    // No time zone support: every hall is in China.
    return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
  }
}

export function printedTicket (ticket: KioskTicket, hallName: string, timeZone: string): PrintedTicket {
  return {
    number: ticket.number,
    hall: hallName,
    line: lineText(ticket),
    ahead: ticket.status === 'waiting' ? aheadText(ticket.ahead) : '',
    time: hallDateTime(ticket.queued_at, timeZone),
    priority: priorityText(ticket.priority),
    followUrl: ticket.follow_url,
  }
}
