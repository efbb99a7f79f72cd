import { describe, expect, it } from 'vitest'

import type { Board, CallEvent } from '../../src/api/board'
import {
  announcementText, applyCall, applyLine, clockText, dateText, heroCall, isCallEvent, isLineEvent, parseEventData,
  shouldAnnounce, totalWaiting,
} from '../../src/utils/boardState'

function call (number: string, window = '3', at = '2026-11-23T02:00:00+00:00') {
  return { number, category: number[0], window, called_at: at, announcement: `请${number}号到${window}号窗口办理` }
}

const BOARD: Board = {
  hall_id: 1, hall_name: '市民中心', day: '2026-11-23', open_now: true,
  now_calling: [call('A001')],
  recent_calls: [call('A001'), call('B001', '5')],
  waiting: [{ prefix: 'A', name: '社保医保', waiting: 4 }, { prefix: 'B', name: '税务', waiting: 1 }],
}

const EVENT: CallEvent = { ...call('A002', '03', '2026-11-23T02:05:00+00:00'), ticket_id: 12, waiting: 3 }

describe('the board after events', () => {
  it('puts a call on top of both lists, once, and sets its line count', () => {
    const after = applyCall(BOARD, EVENT)
    expect(after.now_calling.map((c) => c.number)).toEqual(['A002', 'A001'])
    expect(after.recent_calls.map((c) => c.number)).toEqual(['A002', 'A001', 'B001'])
    expect(after.waiting).toEqual([{ prefix: 'A', name: '社保医保', waiting: 3 }, { prefix: 'B', name: '税务', waiting: 1 }])
    const recalled = applyCall(after, { ...EVENT, number: 'B001', category: 'B', window: '5', waiting: 0 })
    expect(recalled.recent_calls.map((c) => c.number)).toEqual(['B001', 'A002', 'A001'])
    expect(BOARD.now_calling).toHaveLength(1) // not changed in place
  })

  it('keeps at most 5 calling and 10 recent', () => {
    let board = BOARD
    for (let n = 2; n < 20; n++) board = applyCall(board, { ...EVENT, number: `A${String(n).padStart(3, '0')}` })
    expect(board.now_calling).toHaveLength(5)
    expect(board.recent_calls).toHaveLength(10)
    expect(heroCall(board)?.number).toBe('A019')
  })

  it('sets a line count from a ticket event and adds up the lines', () => {
    expect(applyLine(BOARD, { category: 'B', waiting: 6 }).waiting[1].waiting).toBe(6)
    expect(totalWaiting(BOARD)).toBe(5)
    expect(totalWaiting(null)).toBe(0)
  })

  it('shows the latest call large, or nothing yet', () => {
    expect(heroCall(BOARD)?.number).toBe('A001')
    expect(heroCall({ ...BOARD, now_calling: [] })?.number).toBe('A001')
    expect(heroCall({ ...BOARD, now_calling: [], recent_calls: [] })).toBeNull()
    expect(heroCall(null)).toBeNull()
  })
})

describe('event data', () => {
  it('reads JSON objects and checks their shape', () => {
    expect(parseEventData('{"category":"A","waiting":2}')).toEqual({ category: 'A', waiting: 2 })
    expect(parseEventData('[1]')).toBeNull()
    expect(parseEventData('nope')).toBeNull()
    expect(parseEventData(undefined)).toBeNull()
    expect(isCallEvent(EVENT)).toBe(true)
    expect(isCallEvent({ number: 'A1' })).toBe(false)
    expect(isLineEvent({ category: 'A', waiting: 1 })).toBe(true)
    expect(isLineEvent({ category: 'A' })).toBe(false)
  })
})

describe('announcements', () => {
  it('uses the event text, or makes it from number and window', () => {
    expect(announcementText(EVENT)).toBe('请A002号到03号窗口办理')
    expect(announcementText({ number: 'A002', window: '03', announcement: ' ' })).toBe('请A002号到3号窗口办理')
  })

  it('speaks a call once, and not one replayed minutes late', () => {
    const now = Date.parse('2026-11-23T02:05:30+00:00')
    expect(shouldAnnounce('1-0', EVENT.called_at, now, new Set())).toBe(true)
    expect(shouldAnnounce('1-0', EVENT.called_at, now, new Set(['1-0']))).toBe(false)
    expect(shouldAnnounce('2-0', EVENT.called_at, now + 10 * 60 * 1000, new Set())).toBe(false)
    expect(shouldAnnounce('', 'garbled', now, new Set())).toBe(true)
  })
})

describe('the clock', () => {
  it('shows the hall time and date', () => {
    const at = Date.UTC(2026, 10, 23, 2, 5, 9)
    expect(clockText(at, 'Asia/Shanghai')).toBe('10:05:09')
    expect(dateText(at, 'Asia/Shanghai')).toBe('2026年11月23日 星期一')
    expect(clockText(Date.UTC(2026, 10, 23, 16, 0, 0), 'Asia/Shanghai')).toBe('00:00:00')
    expect(clockText(at, 'Not/AZone')).toBe('10:05:09') // falls back to China time
  })
})
