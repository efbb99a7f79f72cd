import { describe, expect, it } from 'vitest'

import type { KioskTicket } from '../../src/api/kiosk'
import {
  idleApplies, idleSecondsLeft, type KioskAction, type KioskLine, kioskLines, kioskReducer, type KioskState, itemsSummary, secretTap, showCountdown,
  START, ticketRequest, waitingWords,
} from '../../src/utils/kioskFlow'

const SOCIAL: KioskLine = {
  prefix: 'A', name: '社保医保', waiting: 3,
  items: [{ code: 'SB-1', name: '社保卡申领', detail: '首次申领' }, { code: 'SB-2', name: '医保转移', detail: null }],
}
const TAX: KioskLine = { prefix: 'B', name: '税务', waiting: 0, items: [{ code: 'TX-1', name: '个税申报', detail: null }] }
const OTHER: KioskLine = { prefix: 'C', name: '综合', waiting: null, items: [] }

const TICKET = { id: 9, number: 'A004', follow_url: 'http://x/#/pages/ticket/index?t=abc' } as KioskTicket

function run (actions: KioskAction[], from: KioskState = START): KioskState {
  return actions.reduce(kioskReducer, from)
}

describe('taking a number at the kiosk', () => {
  it('goes line → item → identify → pad → busy with the request and key, then the ticket', () => {
    let state = run([{ type: 'line', line: SOCIAL }])
    expect(state.step.name).toBe('items')
    state = run([{ type: 'item', item: SOCIAL.items[1] }, { type: 'identify', how: 'phone', key: 'k1' }], state)
    expect(state.step).toMatchObject({ name: 'pad', mode: 'phone', value: '' })
    state = run([{ type: 'pad', value: '13800138000' }, { type: 'pad-confirm', key: 'k2' }], state)
    expect(state.step).toEqual({
      name: 'busy',
      attempt: {
        kind: 'take', key: 'k2', request: { item_code: 'SB-2', phone: '13800138000', green: false },
        choice: { prefix: 'A', lineName: '社保医保', item: SOCIAL.items[1] },
      },
    })
    state = run([{ type: 'done', ticket: TICKET }], state)
    expect(state.step).toEqual({ name: 'ticket', ticket: TICKET, checkedIn: false })
  })

  it('skips the item choice for a line with one item or none, and takes at once without identifying', () => {
    expect(run([{ type: 'line', line: TAX }]).step).toMatchObject({ name: 'identify', choice: { item: TAX.items[0] } })
    const state = run([{ type: 'line', line: OTHER }, { type: 'identify', how: 'none', key: 'k' }])
    expect(state.step).toMatchObject({ name: 'busy', attempt: { request: { prefix: 'C', green: false }, key: 'k' } })
  })

  it('keeps 绿色通道 for the visitor once staff confirmed it, and drops it with the ticket', () => {
    let state = run([{ type: 'green' }])
    expect(state).toEqual({ step: { name: 'green' }, green: false })
    state = run([{ type: 'green-confirmed' }, { type: 'line', line: OTHER }, { type: 'identify', how: 'none', key: 'k' }], state)
    expect(state.step).toMatchObject({ attempt: { request: { prefix: 'C', green: true } } })
    expect(run([{ type: 'done', ticket: TICKET }], state).green).toBe(false)
    expect(run([{ type: 'green' }, { type: 'green-cancel' }]).green).toBe(false)
  })

  it('retries a failure with the very same attempt, and resets to the start', () => {
    const busy = run([{ type: 'line', line: OTHER }, { type: 'identify', how: 'none', key: 'same' }])
    const failed = run([{ type: 'failed', error: new Error('x') }], busy)
    expect(failed.step.name).toBe('error')
    expect(run([{ type: 'retry' }], failed).step).toEqual(busy.step)
    expect(run([{ type: 'reset' }], failed)).toEqual(START)
  })

  it('checks in a scanned code, but not while an answer or a ticket is showing', () => {
    const busy = run([{ type: 'scan' }, { type: 'camera', on: true }, { type: 'scanned', code: 'AB.CD' }])
    expect(busy.step).toEqual({ name: 'busy', attempt: { kind: 'check-in', code: 'AB.CD' } })
    expect(run([{ type: 'scanned', code: 'EF.GH' }], busy)).toBe(busy)
    const ticket = run([{ type: 'done', ticket: TICKET }], busy)
    expect(ticket.step).toEqual({ name: 'ticket', ticket: TICKET, checkedIn: true })
    expect(run([{ type: 'scanned', code: 'EF.GH' }], ticket)).toBe(ticket)
    expect(run([{ type: 'scanned', code: 'AB.CD' }]).step.name).toBe('busy') // from the start screen too
  })

  it('goes back one screen at a time, never while busy', () => {
    const pad = run([{ type: 'line', line: SOCIAL }, { type: 'item', item: null }, { type: 'identify', how: 'id', key: 'k' }])
    expect(run([{ type: 'back' }], pad).step.name).toBe('identify')
    expect(run([{ type: 'back' }, { type: 'back' }], pad).step.name).toBe('items')
    expect(run([{ type: 'back' }, { type: 'back' }, { type: 'back' }], pad).step.name).toBe('home')
    expect(run([{ type: 'line', line: TAX }, { type: 'back' }]).step.name).toBe('home')
    expect(run([{ type: 'scan' }, { type: 'camera', on: true }, { type: 'back' }]).step).toEqual({ name: 'scan', camera: false })
    const busy = run([{ type: 'line', line: OTHER }, { type: 'identify', how: 'none', key: 'k' }])
    expect(run([{ type: 'back' }], busy)).toBe(busy)
  })

  it('ignores actions that do not fit the screen', () => {
    expect(run([{ type: 'item', item: null }])).toEqual(START)
    expect(run([{ type: 'pad', value: '1' }])).toEqual(START)
    expect(run([{ type: 'done', ticket: TICKET }])).toEqual(START)
    expect(run([{ type: 'retry' }])).toEqual(START)
  })
})

describe('the request body', () => {
  it('names the item, else the line, and who it is for', () => {
    const choice = { prefix: 'A', lineName: '社保医保', item: null }
    expect(ticketRequest(choice, 'id', '11010519491231002X', true)).toEqual({ prefix: 'A', id_number: '11010519491231002X', green: true })
    expect(ticketRequest({ ...choice, item: { code: 'SB-1', name: '', detail: null } }, 'none', 'ignored', false)).toEqual({ item_code: 'SB-1', green: false })
  })
})

describe('the lines offered', () => {
  it('names the items the catalog lists at the hall, with the waiting counts', () => {
    const hall = { categories: [{ prefix: 'A', name: '社保医保', items: ['SB-1', 'GONE'] }, { prefix: 'B', name: '税务', items: [] }] }
    const lines = kioskLines(hall, [{ code: 'SB-1', name: '社保卡申领', sub_item: null }], { waiting: [{ prefix: 'A', name: '社保医保', waiting: 4 }] })
    expect(lines).toEqual([
      { prefix: 'A', name: '社保医保', items: [{ code: 'SB-1', name: '社保卡申领', detail: null }], waiting: 4 },
      { prefix: 'B', name: '税务', items: [], waiting: null },
    ])
    expect(kioskLines({ categories: undefined as never }, [])).toEqual([])
    const same = (code: string, detail: string) => ({ code, name: '公积金提取', detail })
    expect(itemsSummary([same('G1', '租房'), same('G2', '退休'), { code: 'G3', name: '缴存证明', detail: null }])).toBe('公积金提取、缴存证明')
    expect(itemsSummary([SOCIAL.items[0], SOCIAL.items[1], TAX.items[0], { code: 'X', name: '其他', detail: null }])).toBe('社保卡申领、医保转移、个税申报等')
    expect(waitingWords(4)).toBe('等候 4 人')
    expect(waitingWords(0)).toBe('无人等候')
    expect(waitingWords(null)).toBe('')
  })
})

describe('the idle reset', () => {
  it('counts down 30 seconds from the last touch and shows the last 10', () => {
    expect(idleSecondsLeft(1000, 1000)).toBe(30)
    expect(idleSecondsLeft(1000, 21500)).toBe(10)
    expect(idleSecondsLeft(1000, 31000)).toBe(0)
    expect(idleSecondsLeft(1000, 99000)).toBe(0)
    expect(showCountdown(11)).toBe(false)
    expect(showCountdown(10)).toBe(true)
    expect(showCountdown(0)).toBe(false)
  })

  it('applies everywhere but the start screen and while waiting for an answer', () => {
    expect(idleApplies({ name: 'home' })).toBe(false)
    expect(idleApplies({ name: 'busy', attempt: { kind: 'check-in', code: 'x' } })).toBe(false)
    expect(idleApplies({ name: 'scan', camera: true })).toBe(true)
    expect(idleApplies({ name: 'ticket', ticket: TICKET, checkedIn: false })).toBe(true)
  })
})

describe('the hidden settings corner', () => {
  it('opens after five taps within three seconds only', () => {
    let taps: number[] = []
    let opened = false
    for (const at of [0, 500, 1000, 1500]) ({ taps, open: opened } = secretTap(taps, at))
    expect(opened).toBe(false)
    expect(secretTap(taps, 2000)).toEqual({ taps: [], open: true })
    expect(secretTap(taps, 4000).open).toBe(false) // the first taps are too old by then
  })
})
