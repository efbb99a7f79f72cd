import { describe, expect, it } from 'vitest'

import {
  aheadText, calledText, currentTicket, isFinished, isLive, lineText, priorityText, statusHint, statusText, statusTone,
  type Ticket, ticketSummary, waitRangeText, waitText, windowLabel,
} from '../../src/utils/queueFormat'

function ticket (over: Partial<Ticket> = {}): Ticket {
  return {
    id: 7, number: 'A017', status: 'waiting', priority: 'normal', hall_id: 1, category: 'A', category_name: '社保医保',
    day: '2026-03-05', queued_at: '2026-03-05T01:00:00Z', ahead: 3, window: null,
    wait: { minutes: 15, low: 12, high: 18 }, ...over,
  }
}

describe('status words', () => {
  it('names every state in plain Chinese, and an unknown one as unknown', () => {
    expect(statusText('waiting')).toBe('排队中')
    expect(statusText('called')).toBe('已叫号')
    expect(statusText('serving')).toBe('正在办理')
    expect(statusText('held')).toBe('暂停办理')
    expect(statusText('skipped')).toBe('已过号')
    expect(statusText('done')).toBe('已结束')
    expect(statusText('no_show')).toBe('未到场')
    expect(statusText('cancelled')).toBe('已取消')
    expect(statusText('lost')).toBe('状态未知')
    expect(statusTone('called')).toBe('green')
    expect(statusTone('skipped')).toBe('amber')
    expect(statusTone('lost')).toBe('gray')
  })

  it('tells live tickets from finished ones', () => {
    expect(['waiting', 'called', 'serving', 'held'].every(isLive)).toBe(true)
    expect(['skipped', 'done', 'no_show', 'cancelled'].some(isLive)).toBe(false)
    expect(['skipped', 'done', 'no_show', 'cancelled'].every(isFinished)).toBe(true)
    expect(['waiting', 'called', 'serving', 'held'].some(isFinished)).toBe(false)
  })

  it('says the priority class only when there is one', () => {
    expect(priorityText('appointment')).toBe('预约优先')
    expect(priorityText('green')).toBe('绿色通道')
    expect(priorityText('normal')).toBe('')
  })
})

describe('position and wait', () => {
  it('says how many are ahead', () => {
    expect(aheadText(3)).toBe('前面还有 3 人')
    expect(aheadText(0)).toBe('前面没有人了')
    expect(aheadText(null)).toBe('')
    expect(aheadText(undefined)).toBe('')
    expect(aheadText(-1)).toBe('')
  })

  it('words the estimate in minutes and hours', () => {
    expect(waitText({ minutes: 15, low: 12, high: 18 })).toBe('约 15 分钟')
    expect(waitText({ minutes: 14.6, low: 12, high: 18 })).toBe('约 15 分钟')
    expect(waitText({ minutes: 0.3, low: 0, high: 1 })).toBe('不到 1 分钟')
    expect(waitText({ minutes: 80, low: 60, high: 100 })).toBe('约 1 小时 20 分钟')
    expect(waitText({ minutes: 120, low: 100, high: 140 })).toBe('约 2 小时')
    expect(waitText(null)).toBe('')
    expect(waitText({})).toBe('')
  })

  it('gives the range only when it adds something', () => {
    expect(waitRangeText({ minutes: 15, low: 12, high: 18 })).toBe('12–18 分钟')
    expect(waitRangeText({ minutes: 2, low: -1, high: 5 })).toBe('0–5 分钟')
    expect(waitRangeText({ minutes: 70, low: 50, high: 90 })).toBe('50 分钟至1 小时 30 分钟')
    expect(waitRangeText({ minutes: 5, low: 5, high: 5 })).toBe('')
    expect(waitRangeText(null)).toBe('')
  })
})

describe('the call', () => {
  it('says the window as people say it', () => {
    expect(windowLabel('03')).toBe('3')
    expect(windowLabel('10')).toBe('10')
    expect(windowLabel('00')).toBe('0')
    expect(windowLabel('A3')).toBe('A3')
    expect(windowLabel(null)).toBe('')
    expect(calledText('03')).toBe('请到3号窗口')
    expect(calledText('12')).toBe('请到12号窗口')
    expect(calledText(null)).toBe('请留意大厅叫号屏')
  })

  it('tells the holder what to do in each state', () => {
    expect(statusHint(ticket())).toBe('请留意叫号，叫到时本页会提醒您')
    expect(statusHint(ticket({ window: '05' }))).toBe('您的号已转到5号窗口，请等候该窗口叫号')
    expect(statusHint(ticket({ status: 'called', window: '03' }))).toBe('轮到您了，请到3号窗口办理')
    expect(statusHint(ticket({ status: 'serving', window: '03' }))).toBe('正在3号窗口为您办理')
    expect(statusHint(ticket({ status: 'held', window: '03' }))).toBe('暂停办理：请补齐材料后回到3号窗口')
    expect(statusHint(ticket({ status: 'skipped' }))).toContain('10 分钟内可重新排队')
    expect(statusHint(ticket({ status: 'done' }))).toContain('评价')
    expect(statusHint(ticket({ status: 'no_show' }))).toContain('重新取号')
    expect(statusHint(ticket({ status: 'cancelled' }))).toContain('重新取号')
    expect(statusHint(ticket({ status: 'lost' }))).toBe('')
  })

  it('names the line', () => {
    expect(lineText(ticket())).toBe('社保医保（A）')
    expect(lineText(ticket({ category_name: '' }))).toBe('A')
  })
})

describe('one line for lists and the home page', () => {
  it('sums a ticket up by state', () => {
    expect(ticketSummary(ticket())).toBe('排队中 · 前面还有 3 人 · 约 15 分钟')
    expect(ticketSummary(ticket({ window: '02', ahead: 0, wait: null }))).toBe('排队中 · 转到2号窗口 · 前面没有人了')
    expect(ticketSummary(ticket({ status: 'called', window: '03', ahead: null, wait: null }))).toBe('请到3号窗口')
    expect(ticketSummary(ticket({ status: 'serving', window: '03', ahead: null, wait: null }))).toBe('正在办理 · 3号窗口')
    expect(ticketSummary(ticket({ status: 'done', window: '03', ahead: null, wait: null }))).toBe('已结束')
    expect(ticketSummary(ticket(), { status: false })).toBe('前面还有 3 人 · 约 15 分钟')
    expect(ticketSummary(ticket({ status: 'called', window: '03' }), { status: false })).toBe('请到3号窗口')
  })

  it('picks the current ticket: a called one first, else the newest live one', () => {
    const waiting = ticket({ id: 9 })
    const called = ticket({ id: 8, status: 'called' })
    const done = ticket({ id: 10, status: 'done' })
    expect(currentTicket([done, waiting, called])).toBe(called)
    expect(currentTicket([done, waiting])).toBe(waiting)
    expect(currentTicket([done])).toBeNull()
    expect(currentTicket([])).toBeNull()
  })
})
