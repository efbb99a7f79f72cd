import { describe, expect, it } from 'vitest'

import type { HallDetail } from '../../src/api/catalogTypes'
import { clockMinutes, hallClosedText, hallMinutes, hoursOn, nextOpening, openingText } from '../../src/utils/queueHall'

const WEEKDAY = [['09:00', '12:00'], ['13:30', '17:00']]

// 2026-03-06 is a Friday.
function hall (over: Partial<HallDetail> = {}): HallDetail {
  return {
    id: 1, code: 'H1', name: '明湖区政务服务中心', region: '330102', address: '湖滨路 1 号', latitude: null, longitude: null,
    timezone: 'Asia/Shanghai', phone: null, today: '2026-03-06', today_hours: WEEKDAY, open_now: false,
    hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [['09:00', '12:00']], sun: [] },
    closed_days: [], special_days: [], categories: [], windows: [], ...over,
  }
}

describe('the hall clock', () => {
  it("reads the time at the hall, whatever the device's zone", () => {
    const noonUtc = Date.UTC(2026, 2, 6, 4, 5) // 12:05 in Shanghai
    expect(hallMinutes(noonUtc, 'Asia/Shanghai')).toBe(12 * 60 + 5)
    expect(hallMinutes(noonUtc, 'UTC')).toBe(4 * 60 + 5)
    expect(hallMinutes(noonUtc, 'Not/AZone')).toBe(12 * 60 + 5) // unknown zone: China's offset
  })

  it('reads clock times', () => {
    expect(clockMinutes('13:30')).toBe(810)
    expect(clockMinutes('9:05')).toBe(545)
    expect(clockMinutes('later')).toBeNaN()
  })
})

describe('the next opening', () => {
  it('is later today in the lunch break and before the doors open', () => {
    expect(nextOpening(hall(), clockMinutes('12:10'))).toEqual({ day: '2026-03-06', time: '13:30' })
    expect(nextOpening(hall(), clockMinutes('08:00'))).toEqual({ day: '2026-03-06', time: '09:00' })
  })

  it('is the next day with hours after closing, skipping closures and using special days', () => {
    expect(nextOpening(hall(), clockMinutes('17:30'))).toEqual({ day: '2026-03-07', time: '09:00' }) // Saturday morning
    const closedSaturday = hall({ closed_days: ['2026-03-07'] })
    expect(nextOpening(closedSaturday, clockMinutes('17:30'))).toEqual({ day: '2026-03-09', time: '09:00' })
    const special = hall({ closed_days: ['2026-03-07'], special_days: [{ date: '2026-03-08', hours: [['10:00', '15:00']] }] })
    expect(nextOpening(special, clockMinutes('17:30'))).toEqual({ day: '2026-03-08', time: '10:00' })
  })

  it('uses today_hours for today (the API applied holidays to it)', () => {
    const holiday = hall({ today_hours: [] })
    expect(hoursOn(holiday, '2026-03-06')).toEqual([])
    expect(nextOpening(holiday, clockMinutes('08:00'))).toEqual({ day: '2026-03-07', time: '09:00' })
  })

  it('is null when nothing opens within two weeks', () => {
    expect(nextOpening(hall({ today_hours: [], hours: {} }), 0)).toBeNull()
    expect(nextOpening(hall({ today: 'soon' }), 0)).toBeNull()
  })

  it('says when in words', () => {
    expect(openingText({ day: '2026-03-06', time: '13:30' }, '2026-03-06')).toBe('今天 13:30')
    expect(openingText({ day: '2026-03-07', time: '09:00' }, '2026-03-06')).toBe('明天 09:00')
    expect(openingText({ day: '2026-03-08', time: '09:00' }, '2026-03-06')).toBe('后天 09:00')
    expect(openingText({ day: '2026-03-09', time: '09:00' }, '2026-03-06')).toBe('周一（3月9日）09:00')
  })
})

describe('HALL_CLOSED in plain words', () => {
  it('gives the hours and the next time to come', () => {
    expect(hallClosedText(hall(), clockMinutes('12:10'))).toBe(
      '现在不在办公时间，不能取号。今天办公时间：09:00–12:00，13:30–17:00。下次可取号时间：今天 13:30。',
    )
    expect(hallClosedText(hall(), clockMinutes('17:30'))).toBe(
      '今天已下班，不能取号。今天办公时间：09:00–12:00，13:30–17:00。下次可取号时间：明天 09:00（遇节假日以大厅公告为准）。',
    )
    expect(hallClosedText(hall({ today: '2026-03-08', today_hours: [] }), clockMinutes('10:00'))).toBe(
      '今天休息，不能取号。下次可取号时间：明天 09:00（遇节假日以大厅公告为准）。',
    )
    expect(hallClosedText(hall({ today_hours: [], hours: {} }), 0)).toContain('近期暂无办公安排')
  })
})
