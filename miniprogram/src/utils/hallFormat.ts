/** How halls' hours, status and distance are shown. Pure: no @tarojs import. */
import type { Hall, Hours, SpecialDay } from '../api/catalogTypes'
import type { Tone } from './catalogFormat'

/** `09:00–12:00，13:30–17:00`, or 休息 for a day without hours. */
export function hoursText (hours: Hours | null | undefined): string {
  const ranges = (hours ?? []).filter((range) => range.length >= 2)
  if (ranges.length === 0) return '休息'
  return ranges.map(([open, close]) => `${open}–${close}`).join('，')
}

export interface HallStatus {
  text: string
  tone: Tone
}

/** 正在办公 / 今日休息 / 现在不是办公时间. */
export function hallStatus (hall: Pick<Hall, 'open_now' | 'today_hours'>): HallStatus {
  if (hall.open_now) return { text: '正在办公', tone: 'green' }
  if (!hall.today_hours || hall.today_hours.length === 0) return { text: '今日休息', tone: 'gray' }
  return { text: '现在不是办公时间', tone: 'amber' }
}

/** `850 米`, `1.5 公里`, `126 公里`; '' when unknown. */
export function distanceText (metres: number | null | undefined): string {
  if (metres === null || metres === undefined || !Number.isFinite(metres) || metres < 0) return ''
  if (metres < 1000) return `${Math.round(metres)} 米`
  const km = metres / 1000
  return km < 100 ? `${Number(km.toFixed(1))} 公里` : `${Math.round(km)} 公里`
}

const WEEKDAYS: [string, string][] = [
  ['mon', '周一'], ['tue', '周二'], ['wed', '周三'], ['thu', '周四'], ['fri', '周五'], ['sat', '周六'], ['sun', '周日'],
]

/** The weekly timetable, Monday first; a missing day is 休息. */
export function weekHours (hours: Record<string, Hours> | null | undefined): { day: string, text: string }[] {
  return WEEKDAYS.map(([key, day]) => ({ day, text: hoursText(hours?.[key]) }))
}

/** Closed days from `today` on (ISO dates compare as strings), in date order. */
export function upcomingClosures (days: readonly string[] | null | undefined, today: string): string[] {
  return (days ?? []).filter((day) => day >= today).sort()
}

/** Special days from `today` on, in date order. */
export function upcomingSpecialDays (days: readonly SpecialDay[] | null | undefined, today: string): SpecialDay[] {
  return (days ?? []).filter((day) => day.date >= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}
