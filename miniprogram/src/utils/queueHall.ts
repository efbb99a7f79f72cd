/**
 * When a hall takes numbers: its local time, the next time it opens, and the plain words for
 * HALL_CLOSED. Pure: no @tarojs import.
 *
 * The API knows public holidays (its working calendar); the hall detail only gives today's hours with
 * them applied. Later days are worked out from special days, closures and the weekly timetable, so a
 * public holiday after today is not known here: the words say so.
 */
import type { HallDetail, Hours } from '../api/catalogTypes'
import { hoursText } from './hallFormat'

/** China's one offset (no daylight saving): the fallback where Intl has no time zones (older mini-program engines). */
const CHINA_OFFSET_MINUTES = 8 * 60
const DAY_MS = 24 * 60 * 60 * 1000
const LOOK_AHEAD_DAYS = 14
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
const WEEKDAY_WORDS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** Minutes since midnight at the hall, `nowMs` being epoch milliseconds. */
export function hallMinutes (nowMs: number, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(nowMs))
    const hour = Number(parts.find((p) => p.type === 'hour')?.value)
    const minute = Number(parts.find((p) => p.type === 'minute')?.value)
    if (Number.isInteger(hour) && Number.isInteger(minute)) return (hour % 24) * 60 + minute
  } catch {
    // No time zone support: every hall is in China.
  }
  const local = new Date(nowMs + CHINA_OFFSET_MINUTES * 60000)
  return local.getUTCHours() * 60 + local.getUTCMinutes()
}

/** `09:30` -> 570; NaN when unreadable. */
export function clockMinutes (text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN
}

function parseDay (iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN
}

function isoDay (utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10)
}

type HallHours = Pick<HallDetail, 'today' | 'today_hours'> & Partial<Pick<HallDetail, 'hours' | 'closed_days' | 'special_days'>>

/** A day's hours after today: a special day, a closure, else the weekly timetable (holidays unknown here). */
export function hoursOn (hall: HallHours, day: string): Hours {
  if (day === hall.today) return hall.today_hours ?? []
  const special = (hall.special_days ?? []).find((s) => s.date === day)
  if (special) return special.hours ?? []
  if ((hall.closed_days ?? []).includes(day)) return []
  const weekday = WEEKDAY_KEYS[new Date(parseDay(day)).getUTCDay()]
  return hall.hours?.[weekday] ?? []
}

export interface Opening {
  /** The hall's date, `YYYY-MM-DD`. */
  day: string
  /** `13:30`. */
  time: string
}

/** The next time the hall opens after `minutes` (the hall's time now) today, looking two weeks ahead; null if none. */
export function nextOpening (hall: HallHours, minutes: number): Opening | null {
  const start = parseDay(hall.today)
  if (Number.isNaN(start)) return null
  for (let offset = 0; offset <= LOOK_AHEAD_DAYS; offset++) {
    const day = isoDay(start + offset * DAY_MS)
    const opens = hoursOn(hall, day)
      .map((range) => range[0])
      .filter((time) => typeof time === 'string' && !Number.isNaN(clockMinutes(time)))
      .filter((time) => offset > 0 || clockMinutes(time) > minutes)
      .sort((a, b) => clockMinutes(a) - clockMinutes(b))
    if (opens.length) return { day, time: opens[0] }
  }
  return null
}

/** 今天 13:30, 明天 09:00, 后天 09:00, 周一（3月9日）09:00. */
export function openingText (opening: Opening, today: string): string {
  const days = Math.round((parseDay(opening.day) - parseDay(today)) / DAY_MS)
  if (days === 0) return `今天 ${opening.time}`
  if (days === 1) return `明天 ${opening.time}`
  if (days === 2) return `后天 ${opening.time}`
  const date = new Date(parseDay(opening.day))
  return `${WEEKDAY_WORDS[date.getUTCDay()]}（${date.getUTCMonth() + 1}月${date.getUTCDate()}日）${opening.time}`
}

/** Whether today's hours are over (or there are none), as opposed to a break before reopening today. */
function closedForToday (hall: HallHours, minutes: number): boolean {
  return !(hall.today_hours ?? []).some((range) => clockMinutes(range[0] ?? '') > minutes)
}

/**
 * HALL_CLOSED in plain words: `现在不在办公时间，不能取号。今天办公时间：09:00–12:00，13:30–17:00。
 * 下次可取号时间：今天 13:30。`
 */
export function hallClosedText (hall: HallHours, minutes: number): string {
  const hours = hall.today_hours ?? []
  let now: string
  if (hours.length === 0) now = '今天休息，不能取号。'
  else if (closedForToday(hall, minutes)) now = `今天已下班，不能取号。今天办公时间：${hoursText(hours)}。`
  else now = `现在不在办公时间，不能取号。今天办公时间：${hoursText(hours)}。`
  const opening = nextOpening(hall, minutes)
  if (!opening) return `${now}近期暂无办公安排，请查看大厅公告。`
  const later = opening.day !== hall.today ? '（遇节假日以大厅公告为准）' : ''
  return `${now}下次可取号时间：${openingText(opening, hall.today)}${later}。`
}
