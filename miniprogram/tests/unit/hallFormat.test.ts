import { describe, expect, it } from 'vitest'

import {
  distanceText, hallStatus, hoursText, upcomingClosures, upcomingSpecialDays, weekHours,
} from '../../src/utils/hallFormat'

describe('hours', () => {
  it('joins ranges, and says 休息 for none', () => {
    expect(hoursText([['09:00', '12:00'], ['13:30', '17:00']])).toBe('09:00–12:00，13:30–17:00')
    expect(hoursText([['09:00', '12:00']])).toBe('09:00–12:00')
    expect(hoursText([])).toBe('休息')
    expect(hoursText(undefined)).toBe('休息')
    expect(hoursText([['09:00']])).toBe('休息') // a broken range is not shown as hours
  })

  it('lists the week from Monday, missing days as 休息', () => {
    const week = weekHours({ mon: [['09:00', '17:00']], sat: [['09:00', '12:00']], sun: [] })
    expect(week.map((d) => d.day)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日'])
    expect(week[0].text).toBe('09:00–17:00')
    expect(week[1].text).toBe('休息')
    expect(week[5].text).toBe('09:00–12:00')
    expect(week[6].text).toBe('休息')
    expect(weekHours(null)).toHaveLength(7)
  })
})

describe('hallStatus', () => {
  it('tells open, closed today and outside hours apart', () => {
    expect(hallStatus({ open_now: true, today_hours: [['09:00', '17:00']] })).toEqual({ text: '正在办公', tone: 'green' })
    expect(hallStatus({ open_now: false, today_hours: [] })).toEqual({ text: '今日休息', tone: 'gray' })
    expect(hallStatus({ open_now: false, today_hours: [['09:00', '12:00']] })).toEqual({ text: '现在不是办公时间', tone: 'amber' })
  })
})

describe('distanceText', () => {
  it('uses metres below 1 km and kilometres above', () => {
    expect(distanceText(669)).toBe('669 米')
    expect(distanceText(0)).toBe('0 米')
    expect(distanceText(1000)).toBe('1 公里')
    expect(distanceText(1453)).toBe('1.5 公里')
    expect(distanceText(99_949)).toBe('99.9 公里')
    expect(distanceText(126_400)).toBe('126 公里')
  })

  it('is empty when unknown', () => {
    expect(distanceText(null)).toBe('')
    expect(distanceText(undefined)).toBe('')
    expect(distanceText(Number.NaN)).toBe('')
    expect(distanceText(-5)).toBe('')
  })
})

describe('closures and special days', () => {
  it('keeps those from today on, in date order', () => {
    expect(upcomingClosures(['2027-01-15', '2026-10-01', '2026-11-23'], '2026-11-23')).toEqual(['2026-11-23', '2027-01-15'])
    expect(upcomingClosures(undefined, '2026-11-23')).toEqual([])
    const special = upcomingSpecialDays([
      { date: '2027-02-01', hours: [] },
      { date: '2026-01-01', hours: [] },
      { date: '2027-01-09', hours: [['09:00', '12:00']], note: '加开' },
    ], '2026-11-23')
    expect(special.map((d) => d.date)).toEqual(['2027-01-09', '2027-02-01'])
  })
})
