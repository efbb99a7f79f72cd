import { describe, expect, it } from 'vitest'

import {
  appointmentNotes, appointmentTime, arriveState, BOOKING_POLICY, bookingRules, canChange, dayChoices, dayLabel, dayText,
  daysBetween, type DayLike, findOpenSlot, firstOpenDay, hallTime, isUpcoming, localToday, monthDay, slotState,
  slotWords, sortAppointments, statusBadge, timeRange, weekday, whenText,
} from '../../src/utils/bookingFormat'

const TODAY = '2026-11-23' // a Monday

/** A 30-minute slot on 24 November starting at `start` (HH:MM). */
function slot (id: number, start: string, remaining: number, bookable: boolean, capacity = 4) {
  const [h, m] = start.split(':').map(Number)
  const end = h * 60 + m + 30
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    id,
    starts_at: `2026-11-24T${start}:00+08:00`,
    ends_at: `2026-11-24T${pad(Math.floor(end / 60))}:${pad(end % 60)}:00+08:00`,
    capacity,
    remaining,
    bookable,
  }
}

function day (date: string, slots: DayLike['slots'], released = true, releasedAt: string | null = `${date}T08:00:00+08:00`): DayLike {
  return { date, released, released_at: releasedAt, slots }
}

describe('hall times and dates', () => {
  it('reads the hall clock from the text, whatever the offset', () => {
    expect(hallTime('2026-11-24T09:00:00+08:00')).toEqual({ date: '2026-11-24', time: '09:00' })
    expect(hallTime('2026-11-24T23:30:00-05:00')).toEqual({ date: '2026-11-24', time: '23:30' })
    expect(hallTime('tomorrow')).toBeNull()
    expect(hallTime(null)).toBeNull()
  })

  it('counts days and names weekdays', () => {
    expect(daysBetween('2026-11-23', '2026-11-30')).toBe(7)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('2026-11-23', 'x')).toBeNull()
    expect(weekday('2026-11-23')).toBe('周一')
    expect(weekday('2026-11-29')).toBe('周日')
    expect(weekday('1969-12-31')).toBe('周三')
    expect(monthDay('2026-01-05')).toBe('1月5日')
  })

  it('says 今天, 明天, 后天, then the weekday', () => {
    expect(dayLabel('2026-11-23', TODAY)).toBe('今天')
    expect(dayLabel('2026-11-24', TODAY)).toBe('明天')
    expect(dayLabel('2026-11-25', TODAY)).toBe('后天')
    expect(dayLabel('2026-11-26', TODAY)).toBe('周四')
  })

  it('writes moments and ranges in words', () => {
    expect(whenText('2026-11-24T07:00:00+08:00', TODAY)).toBe('明天 11月24日 07:00')
    expect(whenText('2026-11-27T09:00:00+08:00', TODAY)).toBe('11月27日 周五 09:00')
    expect(whenText('2026-11-27T09:00:00+08:00')).toBe('11月27日 周五 09:00')
    expect(whenText('soon')).toBe('soon')
    expect(timeRange('2026-11-24T09:00:00+08:00', '2026-11-24T09:30:00+08:00')).toBe('09:00–09:30')
    expect(appointmentTime('2026-11-24T09:00:00+08:00', '2026-11-24T09:30:00+08:00', TODAY)).toBe('明天 11月24日 周二 09:00–09:30')
    expect(appointmentTime('2026-11-27T13:30:00+08:00', '2026-11-27T14:00:00+08:00', TODAY)).toBe('11月27日 周五 13:30–14:00')
    expect(appointmentTime('nonsense', 'x')).toBe('nonsense')
    expect(dayText('2026-11-23', TODAY)).toBe('今天 11月23日 周一')
    expect(dayText('2026-11-23')).toBe('11月23日 周一')
  })

  it("gives the phone's today", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05')
  })
})

describe('slots and days', () => {
  it('says why a slot cannot be booked', () => {
    expect(slotWords(slot(1, '09:00', 3, true), true)).toBe('剩余 3 个')
    expect(slotState(slot(1, '09:00', 0, false), true)).toBe('full')
    expect(slotWords(slot(1, '09:00', 0, false), true)).toBe('已约满')
    expect(slotWords(slot(1, '09:00', 2, false), true)).toBe('已停止预约')
    expect(slotWords(slot(1, '09:00', 4, false), false)).toBe('未放号')
  })

  it('keeps the days with slots, each with its state and words', () => {
    const days = dayChoices([
      day('2026-11-23', [slot(1, '09:00', 2, false), slot(2, '09:30', 0, false)]),
      day('2026-11-24', [slot(3, '09:00', 0, false), slot(4, '09:30', 1, true), slot(5, '10:00', 4, true)]),
      day('2026-11-25', [slot(6, '09:00', 0, false)]),
      day('2026-11-28', []),
      day('2026-11-30', [slot(7, '09:00', 4, false)], false, '2026-11-23T08:00:00+08:00'),
    ], TODAY)
    expect(days.map((d) => [d.date, d.label, d.text, d.state, d.words])).toEqual([
      ['2026-11-23', '今天', '今天 11月23日 周一', 'closed', '已停止预约'],
      ['2026-11-24', '明天', '明天 11月24日 周二', 'open', '可约 5 个'],
      ['2026-11-25', '后天', '后天 11月25日 周三', 'full', '已约满'],
      ['2026-11-30', '周一', '11月30日 周一', 'not_released', '今天 11月23日 08:00 放号'],
    ])
    const tomorrow = days[1]
    expect(tomorrow.slots.map((s) => [s.id, s.time, s.words, s.disabled, s.scarce])).toEqual([
      [3, '09:00–09:30', '已约满', true, false],
      [4, '09:30–10:00', '剩余 1 个', false, true],
      [5, '10:00–10:30', '剩余 4 个', false, false],
    ])
    expect(firstOpenDay(days)).toBe('2026-11-24')
  })

  it('starts on the first day when none can be booked, and on nothing without days', () => {
    const days = dayChoices([day('2026-11-25', [slot(6, '09:00', 0, false)])], TODAY)
    expect(firstOpenDay(days)).toBe('2026-11-25')
    expect(firstOpenDay([])).toBeNull()
  })

  it('finds a chosen slot again only while it can still be booked', () => {
    const days = dayChoices([day('2026-11-24', [slot(3, '09:00', 0, false), slot(4, '09:30', 1, true)])], TODAY)
    expect(findOpenSlot(days, 4)?.slot.id).toBe(4)
    expect(findOpenSlot(days, 4)?.day.date).toBe('2026-11-24')
    expect(findOpenSlot(days, 3)).toBeNull()
    expect(findOpenSlot(days, 99)).toBeNull()
    expect(findOpenSlot(days, null)).toBeNull()
  })
})

describe('rules in plain words', () => {
  it('takes the release window and time from the availability', () => {
    const rules = bookingRules({ from: TODAY, to: '2026-11-30', days: [day('2026-11-30', [], false, '2026-11-23T08:30:00+08:00')] })
    expect(rules[0]).toBe('可预约今天起 7 天内的时段，每天 08:30 放出新一天的号。')
    expect(rules.join('')).toContain(`开始前 ${BOOKING_POLICY.cancelHoursBefore} 小时之前取消或改约`)
    expect(rules.join('')).toContain('暂停网上预约 30 天')
  })

  it('still gives the general rules without availability', () => {
    const rules = bookingRules(null)
    expect(rules[0]).toBe('开始前约 1 小时停止预约。')
    expect(rules).toHaveLength(5)
  })
})

describe('appointments', () => {
  const now = Date.parse('2026-11-24T06:00:00+08:00')
  const base = {
    status: 'booked',
    starts_at: '2026-11-24T09:00:00+08:00',
    ends_at: '2026-11-24T09:30:00+08:00',
    change_until: '2026-11-24T07:00:00+08:00',
    check_in: { valid_from: '2026-11-24T08:00:00+08:00', valid_until: '2026-11-24T09:45:00+08:00' },
  }

  it('badges each status', () => {
    expect(statusBadge('booked')).toEqual({ text: '待办理', tone: 'blue' })
    expect(statusBadge('no_show').text).toBe('已爽约')
    expect(statusBadge('weird')).toEqual({ text: 'weird', tone: 'gray' })
  })

  it('lists upcoming ones first, soonest first, then the rest latest first', () => {
    const items = [
      { id: 1, status: 'cancelled', starts_at: '2026-11-25T09:00:00+08:00', ends_at: '2026-11-25T09:30:00+08:00' },
      { id: 2, status: 'booked', starts_at: '2026-11-26T09:00:00+08:00', ends_at: '2026-11-26T09:30:00+08:00' },
      { id: 3, status: 'booked', starts_at: '2026-11-24T09:00:00+08:00', ends_at: '2026-11-24T09:30:00+08:00' },
      { id: 4, status: 'checked_in', starts_at: '2026-11-20T09:00:00+08:00', ends_at: '2026-11-20T09:30:00+08:00' },
      { id: 5, status: 'booked', starts_at: '2026-11-23T09:00:00+08:00', ends_at: '2026-11-23T09:30:00+08:00' },
    ]
    expect(sortAppointments(items, now).map((a) => a.id)).toEqual([3, 2, 1, 5, 4])
    expect(isUpcoming(items[4], now)).toBe(false)
  })

  it('opens cancel and reschedule until change_until', () => {
    expect(canChange(base, now)).toBe(true)
    expect(canChange(base, Date.parse('2026-11-24T07:00:00+08:00'))).toBe(false)
    expect(canChange({ ...base, status: 'cancelled' }, now)).toBe(false)
  })

  it('knows where "I\'m here" stands', () => {
    expect(arriveState(base, now)).toBe('early')
    expect(arriveState(base, Date.parse('2026-11-24T08:00:00+08:00'))).toBe('open')
    expect(arriveState(base, Date.parse('2026-11-24T09:46:00+08:00'))).toBe('over')
    expect(arriveState({ ...base, status: 'checked_in', check_in: null }, now)).toBeNull()
  })

  it('writes the deadlines of a booked appointment', () => {
    const notes = appointmentNotes(base, now, '2026-11-24')
    expect(notes[0]).toBe('如需取消或改约，请在 今天 11月24日 07:00 前操作。')
    expect(notes[1]).toContain('签到时间：今天 11月24日 08:00 至 今天 11月24日 09:45。')
    const late = appointmentNotes(base, Date.parse('2026-11-24T07:30:00+08:00'), '2026-11-24')
    expect(late[0]).toBe('取消和改约已于 今天 11月24日 07:00 截止。')
    expect(appointmentNotes({ ...base, status: 'no_show', check_in: null }, now)).toEqual([
      '该预约未按时签到，已记爽约 1 次。如需办理可重新预约或到大厅现场取号。',
    ])
  })
})
