/**
 * How slots, days and appointments are shown to residents. Pure: no @tarojs import.
 *
 * Every time the API gives for a slot or an appointment is hall time with its offset
 * (`2026-11-24T09:00:00+08:00`). Dates and clock times are read from the text as written, so the
 * resident sees the hall's clock whatever the phone's time zone; instants (for "is it over yet")
 * are compared with Date.parse.
 */
import type { Tone } from './catalogFormat'

const HALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const DAY_MS = 86400000

/** `{date: '2026-11-24', time: '09:00'}` of a hall time, or null when it is not one. */
export function hallTime (iso: string | null | undefined): { date: string, time: string } | null {
  const m = HALL_TIME.exec(iso ?? '')
  return m ? { date: `${m[1]}-${m[2]}-${m[3]}`, time: `${m[4]}:${m[5]}` } : null
}

function dayNumber (date: string): number | null {
  const m = DATE.exec(date)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return Number.isNaN(ms) ? null : Math.round(ms / DAY_MS)
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); null when either is not a date. */
export function daysBetween (from: string, to: string): number | null {
  const a = dayNumber(from)
  const b = dayNumber(to)
  return a === null || b === null ? null : b - a
}

/** 周一…周日 of a `YYYY-MM-DD` date; '' when it is not one. */
export function weekday (date: string): string {
  const n = dayNumber(date)
  // Day 0 of the epoch (1970-01-01) was a Thursday.
  return n === null ? '' : WEEKDAYS[(((n + 4) % 7) + 7) % 7]
}

/** `11月24日`. */
export function monthDay (date: string): string {
  const m = DATE.exec(date)
  return m ? `${Number(m[2])}月${Number(m[3])}日` : date
}

/** 今天, 明天, 后天, else the weekday; `today` is the hall's today. */
export function dayLabel (date: string, today: string): string {
  const diff = daysBetween(today, date)
  if (diff === 0) return '今天'
  if (diff === 1) return '明天'
  if (diff === 2) return '后天'
  return weekday(date)
}

/** `今天 11月24日 09:00` / `11月26日 周四 09:00`: a moment in hall time, in words. */
export function whenText (iso: string | null | undefined, today?: string): string {
  const t = hallTime(iso)
  if (!t) return iso ?? ''
  const label = today ? dayLabel(t.date, today) : weekday(t.date)
  const near = label === '今天' || label === '明天' || label === '后天'
  return near ? `${label} ${monthDay(t.date)} ${t.time}` : `${monthDay(t.date)} ${label} ${t.time}`
}

/** `09:00–09:30`. */
export function timeRange (startsAt: string, endsAt: string): string {
  const start = hallTime(startsAt)
  const end = hallTime(endsAt)
  return start && end ? `${start.time}–${end.time}` : ''
}

/** `明天 11月24日 周二` / `11月26日 周四`: a day in words (今天/明天/后天 first when `today` makes it one). */
export function dayText (date: string, today?: string): string {
  const label = today ? dayLabel(date, today) : ''
  const near = label === '今天' || label === '明天' || label === '后天'
  return `${near ? `${label} ` : ''}${monthDay(date)} ${weekday(date)}`
}

/** `11月24日 周二 09:00–09:30` (with 今天/明天 first when `today` makes it one). */
export function appointmentTime (startsAt: string, endsAt: string, today?: string): string {
  const start = hallTime(startsAt)
  if (!start) return startsAt
  return `${dayText(start.date, today)} ${timeRange(startsAt, endsAt)}`
}

/** The phone's today as `YYYY-MM-DD` (for 今天/明天 on pages without the hall's today). */
export function localToday (nowMs: number): string {
  const d = new Date(nowMs)
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// --- slots and days ------------------------------------------------------------------------------

export interface SlotLike {
  id: number
  starts_at: string
  ends_at: string
  capacity: number
  remaining: number
  bookable: boolean
}

export interface DayLike {
  date: string
  released: boolean
  released_at: string | null
  slots: SlotLike[]
}

/** open: can be booked now; full: no place left (or closed by the hall); closed: too close to start; not_released: 放号 later. */
export type SlotState = 'open' | 'full' | 'closed' | 'not_released'

export function slotState (slot: SlotLike, released: boolean): SlotState {
  if (slot.bookable) return 'open'
  if (!released) return 'not_released'
  return slot.remaining > 0 ? 'closed' : 'full'
}

const SLOT_STATE_WORDS: Record<Exclude<SlotState, 'open'>, string> = {
  full: '已约满',
  closed: '已停止预约',
  not_released: '未放号',
}

/** 剩余 3 个 for a slot that can be booked, else why not. */
export function slotWords (slot: SlotLike, released: boolean): string {
  const state = slotState(slot, released)
  return state === 'open' ? `剩余 ${slot.remaining} 个` : SLOT_STATE_WORDS[state]
}

export interface SlotChoice {
  id: number
  /** `09:00–09:30`. */
  time: string
  words: string
  state: SlotState
  /** Few places left: show it in amber. */
  scarce: boolean
  disabled: boolean
}

export interface DayChoice {
  date: string
  /** 今天 / 明天 / 周三. */
  label: string
  /** `11月24日`. */
  monthDay: string
  /** `明天 11月24日 周二`. */
  text: string
  state: SlotState
  /** 可约 12 个 / 已约满 / 已停止预约 / 今天 08:00 放号. */
  words: string
  slots: SlotChoice[]
}

/** Two places or fewer: 剩余 N 个 turns amber. */
export const SCARCE_PLACES = 2

function slotChoice (slot: SlotLike, released: boolean): SlotChoice {
  const state = slotState(slot, released)
  return {
    id: slot.id,
    time: timeRange(slot.starts_at, slot.ends_at),
    words: slotWords(slot, released),
    state,
    scarce: state === 'open' && slot.remaining <= SCARCE_PLACES,
    disabled: state !== 'open',
  }
}

function dayState (day: DayLike, slots: SlotChoice[]): SlotState {
  if (slots.some((s) => s.state === 'open')) return 'open'
  if (!day.released) return 'not_released'
  if (slots.some((s) => s.state === 'closed')) return 'closed'
  return 'full'
}

/**
 * The days a resident can choose from: those with slots (weekends, holidays and closures have none),
 * each with its slots and a word on the whole day. `today` is the hall's today (availability `from`).
 */
export function dayChoices (days: readonly DayLike[], today: string): DayChoice[] {
  return days.filter((day) => day.slots.length > 0).map((day) => {
    const slots = day.slots.map((slot) => slotChoice(slot, day.released))
    const state = dayState(day, slots)
    let words: string
    if (state === 'open') {
      const left = day.slots.filter((s) => s.bookable).reduce((sum, s) => sum + s.remaining, 0)
      words = `可约 ${left} 个`
    } else if (state === 'not_released') {
      words = day.released_at ? `${whenText(day.released_at, today)} 放号` : '未放号'
    } else {
      words = SLOT_STATE_WORDS[state]
    }
    return {
      date: day.date,
      label: dayLabel(day.date, today),
      monthDay: monthDay(day.date),
      text: dayText(day.date, today),
      state,
      words,
      slots,
    }
  })
}

/** The day to show first: the first with a slot to book, else the first listed, else null. */
export function firstOpenDay (days: readonly DayChoice[]): string | null {
  return (days.find((d) => d.state === 'open') ?? days[0])?.date ?? null
}

/** The chosen slot, found again in fresh availability (null once it is gone or no longer bookable). */
export function findOpenSlot (days: readonly DayChoice[], slotId: number | null): { day: DayChoice, slot: SlotChoice } | null {
  if (slotId === null) return null
  for (const day of days) {
    const slot = day.slots.find((s) => s.id === slotId)
    if (slot) return slot.disabled ? null : { day, slot }
  }
  return null
}

// --- rules in plain words ------------------------------------------------------------------------

/**
 * The booking rules the backend applies with its default settings (docs/appointments.md). The API does
 * not send them to residents, so the words below say "一般" where a hall line may set its own.
 */
export const BOOKING_POLICY = {
  closeMinutesBefore: 60,
  cancelHoursBefore: 2,
  maxPerItem: 1,
  maxActive: 3,
  banAfterStrikes: 2,
  banDays: 30,
  cancelLimit: 5,
  strikeWindowDays: 30,
  checkInEarlyMinutes: 60,
  graceMinutes: 15,
} as const

export interface AvailabilityLike {
  from: string
  to: string
  days: readonly DayLike[]
}

/** The rules shown before booking: the release window and time from the availability, the rest from the policy. */
export function bookingRules (availability?: AvailabilityLike | null): string[] {
  const p = BOOKING_POLICY
  const rules: string[] = []
  if (availability) {
    const ahead = daysBetween(availability.from, availability.to)
    const releaseTime = availability.days.map((d) => hallTime(d.released_at)?.time).find(Boolean)
    if (ahead !== null && ahead > 0) {
      rules.push(`可预约今天起 ${ahead} 天内的时段${releaseTime ? `，每天 ${releaseTime} 放出新一天的号` : ''}。`)
    } else if (releaseTime) {
      rules.push(`每天 ${releaseTime} 放号。`)
    }
  }
  rules.push(`开始前约 ${p.closeMinutesBefore / 60} 小时停止预约。`)
  rules.push(`同一事项只能有 ${p.maxPerItem} 个有效预约，每人最多同时 ${p.maxActive} 个。`)
  rules.push(`不能按时到场，请在开始前 ${p.cancelHoursBefore} 小时之前取消或改约（截止时间以预约详情为准）。`)
  rules.push(
    `请在开始前 ${p.checkInEarlyMinutes / 60} 小时到结束后 ${p.graceMinutes} 分钟内签到：` +
    '到大厅扫自助机，或在预约详情点“我已到达”。',
  )
  rules.push(
    `未按时签到（爽约）累计 ${p.banAfterStrikes} 次，或 ${p.strikeWindowDays} 天内取消超过 ${p.cancelLimit} 次，` +
    `将暂停网上预约 ${p.banDays} 天，期间仍可到大厅现场取号。`,
  )
  return rules
}

// --- appointments ------------------------------------------------------------------------------

export interface AppointmentLike {
  status: string
  starts_at: string
  ends_at: string
  change_until: string
  check_in: { valid_from: string, valid_until: string } | null
}

const STATUS_BADGES: Record<string, { text: string, tone: Tone }> = {
  booked: { text: '待办理', tone: 'blue' },
  checked_in: { text: '已签到', tone: 'green' },
  cancelled: { text: '已取消', tone: 'gray' },
  no_show: { text: '已爽约', tone: 'amber' },
}

/** 待办理 / 已签到 / 已取消 / 已爽约; an unknown status as sent, in grey. */
export function statusBadge (status: string): { text: string, tone: Tone } {
  return STATUS_BADGES[status] ?? { text: status, tone: 'gray' }
}

function instant (iso: string | null | undefined): number {
  const ms = Date.parse(iso ?? '')
  return Number.isNaN(ms) ? Number.NaN : ms
}

/** Still to come: booked, and not over yet. */
export function isUpcoming (a: Pick<AppointmentLike, 'status' | 'ends_at'>, nowMs: number): boolean {
  return a.status === 'booked' && !(instant(a.ends_at) <= nowMs)
}

/** Upcoming ones first, soonest first; then the rest, latest first. */
export function sortAppointments<T extends Pick<AppointmentLike, 'status' | 'starts_at' | 'ends_at'>> (items: readonly T[], nowMs: number): T[] {
  const start = (a: T) => {
    const ms = instant(a.starts_at)
    return Number.isNaN(ms) ? 0 : ms
  }
  const upcoming = items.filter((a) => isUpcoming(a, nowMs)).sort((a, b) => start(a) - start(b))
  const rest = items.filter((a) => !isUpcoming(a, nowMs)).sort((a, b) => start(b) - start(a))
  return [...upcoming, ...rest]
}

/** Cancel and reschedule are open: booked and before `change_until`. */
export function canChange (a: Pick<AppointmentLike, 'status' | 'change_until'>, nowMs: number): boolean {
  return a.status === 'booked' && !(instant(a.change_until) <= nowMs)
}

/** Where "我已到达" stands: before its window, in it, after it; null when not booked. */
export type ArriveState = 'early' | 'open' | 'over'

export function arriveState (a: Pick<AppointmentLike, 'status' | 'check_in'>, nowMs: number): ArriveState | null {
  if (a.status !== 'booked' || !a.check_in) return null
  if (nowMs < instant(a.check_in.valid_from)) return 'early'
  if (nowMs > instant(a.check_in.valid_until)) return 'over'
  return 'open'
}

/** The deadlines and what to do next, for the appointment page. */
export function appointmentNotes (a: AppointmentLike, nowMs: number, today?: string): string[] {
  const notes: string[] = []
  if (a.status === 'booked') {
    if (canChange(a, nowMs)) {
      notes.push(`如需取消或改约，请在 ${whenText(a.change_until, today)} 前操作。`)
    } else {
      notes.push(`取消和改约已于 ${whenText(a.change_until, today)} 截止。`)
    }
    if (a.check_in) {
      notes.push(
        `签到时间：${whenText(a.check_in.valid_from, today)} 至 ${whenText(a.check_in.valid_until, today)}。` +
        '到大厅后扫自助机上的签到码，或点“我已到达”，即可取号。',
      )
    }
    notes.push(`未按时签到记爽约 1 次，累计 ${BOOKING_POLICY.banAfterStrikes} 次将暂停网上预约 ${BOOKING_POLICY.banDays} 天。`)
  } else if (a.status === 'checked_in') {
    notes.push('您已签到，请留意大厅叫号。')
  } else if (a.status === 'cancelled') {
    notes.push('该预约已取消，如需办理可重新预约或到大厅现场取号。')
  } else if (a.status === 'no_show') {
    notes.push('该预约未按时签到，已记爽约 1 次。如需办理可重新预约或到大厅现场取号。')
  }
  return notes
}
