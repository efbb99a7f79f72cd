import { describe, expect, it } from 'vitest'

import type { HandledAt, ItemSummary, QueueCategory } from '../../src/api/catalogTypes'
import { ApiError } from '../../src/api/errors'
import type { Schemas } from '../../src/api/types'
import {
  groupServices, heldTicket, initialHall, itemLinesAt, takeSignature, waitingText, withWaiting,
} from '../../src/utils/queueTake'

function board (waiting: { prefix: string, waiting: number }[]): Schemas['Board'] {
  return {
    hall_id: 1, hall_name: '明湖', day: '2026-03-06', open_now: true, now_calling: [], recent_calls: [],
    waiting: waiting.map((line) => ({ ...line, name: line.prefix })),
  }
}

function item (code: string, name = code): ItemSummary {
  return {
    code, name, sub_item: null, department: '人社局', audience: 'personal', themes: [], processing_type: 'immediate',
    promised_days: 0, visits: 1, online: false, appointment: true, assurance_level: 1,
  }
}

describe('lines and who waits', () => {
  const handled: HandledAt[] = [
    { hall_id: 1, hall: '明湖', category: 'A', category_name: '社保医保' },
    { hall_id: 2, hall: '云溪', category: 'A', category_name: '社保医保' },
    { hall_id: 1, hall: '明湖', category: 'E', category_name: '综合' },
    { hall_id: 1, hall: '明湖', category: 'A', category_name: '社保医保' },
  ]

  it("takes the item's lines at one hall, once each", () => {
    expect(itemLinesAt(handled, 1)).toEqual([{ prefix: 'A', name: '社保医保' }, { prefix: 'E', name: '综合' }])
    expect(itemLinesAt(handled, 3)).toEqual([])
  })

  it('adds the counts from the board: 0 for a line it does not list, null without a board', () => {
    const lines = itemLinesAt(handled, 1)
    expect(withWaiting(lines, board([{ prefix: 'A', waiting: 5 }]))).toEqual([
      { prefix: 'A', name: '社保医保', waiting: 5 },
      { prefix: 'E', name: '综合', waiting: 0 },
    ])
    expect(withWaiting(lines, null).map((line) => line.waiting)).toEqual([null, null])
  })

  it('words the counts', () => {
    expect(waitingText([{ prefix: 'A', name: '社保医保', waiting: 5 }])).toBe('现在排队 5 人')
    expect(waitingText([
      { prefix: 'A', name: '社保医保', waiting: 5 },
      { prefix: 'E', name: '综合', waiting: 0 },
    ])).toBe('现在排队：A 社保医保 5 人，E 综合 0 人')
    expect(waitingText([{ prefix: 'A', name: '社保医保', waiting: null }])).toBe('')
    expect(waitingText([])).toBe('')
  })
})

describe('the hall chosen first', () => {
  const halls = [{ id: 1, open_now: false }, { id: 2, open_now: true }, { id: 3, open_now: true }]

  it('is the one asked for, the only one, or the first open one', () => {
    expect(initialHall(halls, 3)).toBe(3)
    expect(initialHall(halls, 9)).toBe(2) // not listed: ignored
    expect(initialHall(halls, null)).toBe(2)
    expect(initialHall([{ id: 1, open_now: false }], null)).toBe(1)
    expect(initialHall([{ id: 1, open_now: false }, { id: 2, open_now: false }], null)).toBeNull()
    expect(initialHall([], 1)).toBeNull()
  })
})

describe("a hall's services", () => {
  it('groups them by the first line that handles them, leaving out what no line handles and empty lines', () => {
    const categories: QueueCategory[] = [
      { prefix: 'A', name: '社保医保', items: ['s1', 's2', 'missing'] },
      { prefix: 'B', name: '户籍证件', items: ['s2', 's3'] },
      { prefix: 'C', name: '空', items: ['s2'] },
    ]
    const groups = groupServices(categories, [item('s1', '社保卡'), item('s2'), item('s3'), item('s4')], board([{ prefix: 'A', waiting: 2 }]))
    expect(groups.map((g) => [g.prefix, g.waiting, g.items.map((i) => i.code)])).toEqual([
      ['A', 2, ['s1', 's2']],
      ['B', 0, ['s3']],
    ])
    expect(groupServices(categories, [], null)).toEqual([])
  })
})

describe('one tap', () => {
  it('changes its signature with the hall, the item or the relative', () => {
    const base = takeSignature(1, 'x')
    expect(takeSignature(1, 'x')).toBe(base)
    expect(takeSignature(2, 'x')).not.toBe(base)
    expect(takeSignature(1, 'y')).not.toBe(base)
    expect(takeSignature(1, 'x', 5)).not.toBe(base)
  })

  it('reads the ticket an ALREADY_QUEUED answer points at', () => {
    const held = new ApiError({ status: 409, code: 'ALREADY_QUEUED', message: '已有', details: { ticket_id: 12, number: 'A003' } })
    expect(heldTicket(held)).toEqual({ id: 12, number: 'A003' })
    const bare = new ApiError({ status: 409, code: 'ALREADY_QUEUED', message: '已有', details: { ticket_id: 'x' } })
    expect(heldTicket(bare)).toEqual({ id: null, number: '' })
    expect(heldTicket(new ApiError({ status: 422, code: 'HALL_CLOSED', message: '' }))).toBeNull()
    expect(heldTicket(new Error('x'))).toBeNull()
  })
})
