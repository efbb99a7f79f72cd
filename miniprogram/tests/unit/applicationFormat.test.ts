import { describe, expect, it } from 'vitest'

import {
  actionText, type ClockView, deadlineText, groupedNumber, isConcluded, latestCorrection, matchesFilter, statusText,
  statusTone, type TimelineEvent, timelineSteps,
} from '../../src/utils/applicationFormat'
import { formatDateTime } from '../../src/utils/format'

const CLOCK: ClockView = {
  started_on: '2026-10-08',
  promised_due: '2026-10-15',
  legal_due: '2026-11-05',
  promised_left: 2,
  paused: false,
  stopped: false,
  overdue: false,
}

describe('status', () => {
  it('says every state of docs/applications.md in words', () => {
    for (const status of ['draft', 'received', 'withdrawn', 'accepted', 'not_accepted', 'correction', 'in_process',
      'special', 'approved', 'approved_pending', 'refused', 'revoked', 'delivered']) {
      expect(statusText(status)).not.toBe(status)
    }
    expect(statusText('correction')).toBe('需要补正材料')
    expect(statusText('something_new')).toBe('something_new')
  })

  it('colours a state by what the resident should feel about it', () => {
    expect(statusTone('approved')).toBe('green')
    expect(statusTone('delivered')).toBe('green')
    expect(statusTone('correction')).toBe('amber')
    expect(statusTone('in_process')).toBe('blue')
    expect(statusTone('refused')).toBe('gray')
    expect(statusTone('withdrawn')).toBe('gray')
  })

  it('knows which states are concluded (the rating opens)', () => {
    expect(isConcluded('approved')).toBe(true)
    expect(isConcluded('not_accepted')).toBe(true)
    expect(isConcluded('revoked')).toBe(true)
    expect(isConcluded('withdrawn')).toBe(false)
    expect(isConcluded('correction')).toBe(false)
  })

  it('sorts states into the filters of 我的办件', () => {
    expect(matchesFilter('draft', 'draft')).toBe(true)
    expect(matchesFilter('draft', 'active')).toBe(false)
    expect(matchesFilter('correction', 'active')).toBe(true)
    expect(matchesFilter('special', 'active')).toBe(true)
    expect(matchesFilter('delivered', 'done')).toBe(true)
    expect(matchesFilter('withdrawn', 'done')).toBe(true)
    expect(matchesFilter('received', 'done')).toBe(false)
    expect(matchesFilter('anything', 'all')).toBe(true)
  })
})

describe('办件编号', () => {
  it('groups a valid number for reading aloud and leaves anything else alone', () => {
    expect(groupedNumber('33010620261009000123X')).toBe('330106 20261009 000123 X')
    expect(groupedNumber('abc')).toBe('abc')
    expect(groupedNumber(null)).toBe('')
  })
})

describe('timeline', () => {
  const events: TimelineEvent[] = [
    { action: 'submit', at: '2026-10-08T01:00:00+00:00', code: 1, actor: 'resident', comment: '', details: {} },
    { action: 'accept', at: '2026-10-08T02:00:00+00:00', code: 3, actor: 'staff', comment: '', details: {} },
    {
      action: 'request_correction', at: '2026-10-09T02:00:00+00:00', code: 6, actor: 'staff', comment: '请拍清楚',
      details: { items: ['户口簿首页', '出生证明'] },
    },
    { action: 'resubmit', at: '2026-10-12T08:00:00+00:00', code: 7, actor: 'resident', comment: '', details: {} },
    { action: 'refuse', at: '2026-10-13T08:00:00+00:00', code: 13, actor: 'staff', comment: '', details: { reason: '不符合入园年龄' } },
    { action: 'deliver', at: '2026-10-13T09:00:00+00:00', code: null, actor: 'staff', comment: '', details: { method: 'pickup' } },
  ]

  it('shows the newest step first, with who and what staff wrote', () => {
    const steps = timelineSteps(events)
    expect(steps.map((s) => s.title)).toEqual(['结果已送达', '办结：不予通过', '补正后重新提交', '要求补正材料', '受理', '提交申请'])
    expect(steps[0].lines).toEqual(['送达方式：到窗口领取'])
    expect(steps[0].code).toBe('')
    expect(steps[1].lines).toEqual(['原因：不符合入园年龄'])
    expect(steps[3]).toMatchObject({ who: '工作人员', code: '国家办件状态 6', lines: ['需要补正：户口簿首页；出生证明', '留言：请拍清楚'] })
    expect(steps[5]).toMatchObject({ who: '申请人', time: formatDateTime('2026-10-08T01:00:00+00:00') })
  })

  it('keeps the order of steps taken at the same moment', () => {
    const same = '2026-10-08T01:00:00+00:00'
    const steps = timelineSteps([{ action: 'accept', at: same, code: 3 }, { action: 'start_processing', at: same, code: 8 }])
    expect(steps.map((s) => s.title)).toEqual(['开始办理', '受理'])
  })

  it('shows the public timeline, which says nothing about who', () => {
    const steps = timelineSteps([{ action: 'submit', to_status: 'received', at: '2026-10-08T01:00:00+00:00', code: 1 }])
    expect(steps).toEqual([{ title: '提交申请', time: formatDateTime('2026-10-08T01:00:00+00:00'), who: '', lines: [], code: '国家办件状态 1' }])
  })

  it('finds what the latest 补正 asked for', () => {
    expect(latestCorrection(events)).toEqual({ items: ['户口簿首页', '出生证明'], comment: '请拍清楚' })
    expect(latestCorrection(events.slice(0, 2))).toBeNull()
  })

  it('names unknown actions as they are', () => {
    expect(actionText('approve')).toBe('办结：通过')
    expect(actionText('teleport')).toBe('teleport')
  })
})

describe('deadline', () => {
  it('explains the clock in a sentence', () => {
    expect(deadlineText('draft', null)).toBe('提交后由部门受理，受理后开始计算办理时限')
    expect(deadlineText('received', { ...CLOCK, started_on: null, promised_due: null })).toBe('部门受理后开始计算办理时限')
    expect(deadlineText('in_process', CLOCK)).toBe('承诺 2026-10-15 前办结，还有 2 个工作日')
    expect(deadlineText('in_process', { ...CLOCK, promised_left: 0 })).toBe('承诺今天（2026-10-15）办结')
    expect(deadlineText('in_process', { ...CLOCK, overdue: true, promised_left: -3 })).toBe('已超过承诺时限 3 个工作日')
    expect(deadlineText('correction', { ...CLOCK, paused: true })).toBe('补正期间暂停计时，补正提交后继续')
    expect(deadlineText('special', { ...CLOCK, paused: true })).toBe('特别程序期间暂停计时')
    expect(deadlineText('approved', { ...CLOCK, stopped: true })).toBe('') // the state says it all
    expect(deadlineText('accepted', null)).toBe('')
  })
})
