import { describe, expect, it } from 'vitest'

import {
  alertActions, alertDeadline, alertFacts, buildAlertAction, buildOrderStep, levelWord, orderDue, orderSteps,
  subjectText,
} from '../../src/utils/supervisorAlerts'

function alert (rule: string, subject_type: string, details: Record<string, unknown>) {
  return { rule, subject_type, subject_id: 7, details }
}

describe('an alert in words', () => {
  it('names its level and subject', () => {
    expect(levelWord('red')).toBe('红牌')
    expect(subjectText(alert('ticket_wait', 'ticket', { label: 'A017' }))).toBe('号码 A017')
    expect(subjectText(alert('window_pause', 'window', { window: '03' }))).toBe('03号窗口')
    expect(subjectText(alert('application_deadline', 'application', {}))).toBe('办件 #7')
  })

  it('gives the deadline it is about', () => {
    expect(alertDeadline(alert('application_deadline', 'application', { promised_due: '2026-11-30', legal_due: '2026-12-20' })))
      .toBe('承诺期限 2026-11-30，法定期限 2026-12-20')
    expect(alertDeadline(alert('application_deadline', 'application', { promised_due: '2026-11-30', legal_due: null })))
      .toBe('承诺期限 2026-11-30')
    expect(alertDeadline(alert('work_order_overdue', 'work_order', { due_on: '2026-11-27' }))).toBe('应于 2026-11-27 前答复')
    expect(alertDeadline(alert('correction_not_sent', 'application', { due: '2026-11-24' }))).toContain('2026-11-24')
    expect(alertDeadline(alert('ticket_wait', 'ticket', { waited_minutes: 70 }))).toBe('')
  })

  it('says what was seen', () => {
    expect(alertFacts(alert('application_deadline', 'application', { percent_used: 83.4 }))).toBe('承诺时限已用 83%')
    expect(alertFacts(alert('ticket_wait', 'ticket', { waited_minutes: 70 }))).toBe('已等候 70 分钟')
    expect(alertFacts(alert('window_pause', 'window', { paused_minutes: 31, reason: '系统故障，等待恢复' })))
      .toBe('已暂停 31 分钟，原因：系统故障，等待恢复')
  })
})

describe('alert actions', () => {
  it('offer what `allowed` lists', () => {
    expect(alertActions(['acknowledge', 'resolve', 'other'])).toEqual(['acknowledge', 'resolve'])
  })

  it('take an optional note to acknowledge and a required one to resolve', () => {
    expect(buildAlertAction('acknowledge', { text: ' ', upheld: null })).toEqual({ body: {} })
    expect(buildAlertAction('acknowledge', { text: '已转办理人', upheld: null })).toEqual({ body: { note: '已转办理人' } })
    expect(buildAlertAction('resolve', { text: '', upheld: null })).toEqual({ problem: '请填写办结说明' })
    expect(buildAlertAction('resolve', { text: '已催办', upheld: null })).toEqual({ body: { note: '已催办' } })
  })

  it('need a reason to appeal and a choice with a note to decide', () => {
    expect(buildAlertAction('appeal', { text: '系统误报', upheld: null })).toEqual({ body: { reason: '系统误报' } })
    expect(buildAlertAction('decide', { text: '核实', upheld: null })).toEqual({ problem: '请选择申诉是否成立' })
    expect(buildAlertAction('decide', { text: '核实无误', upheld: false })).toEqual({ body: { upheld: false, note: '核实无误' } })
    expect('problem' in buildAlertAction('resolve', { text: 'x'.repeat(501), upheld: null })).toBe(true)
  })
})

describe('work orders', () => {
  it('flag a reply past due while the department owes it', () => {
    expect(orderDue('2026-11-20', 'verified', '2026-11-23')).toEqual({ text: '2026-11-20（已逾期）', overdue: true })
    expect(orderDue('2026-11-20', 'replied', '2026-11-23').overdue).toBe(false)
    expect(orderDue('2026-11-23', 'open', '2026-11-23').text).toContain('今天到期')
  })

  it('send each step its field', () => {
    expect(orderSteps(['verify', 'appeal', 'revisit'])).toEqual(['verify', 'appeal'])
    expect(buildOrderStep('verify', { text: ' 属实 ', upheld: null })).toEqual({ body: { text: '属实' } })
    expect(buildOrderStep('reply', { text: '', upheld: null })).toEqual({ problem: '请填写答复内容' })
    expect(buildOrderStep('appeal', { text: '恶意差评', upheld: null })).toEqual({ body: { reason: '恶意差评' } })
    expect(buildOrderStep('decide', { text: '成立', upheld: true })).toEqual({ body: { upheld: true, note: '成立' } })
    expect(buildOrderStep('decide', { text: '成立', upheld: null })).toEqual({ problem: '请选择申诉是否成立' })
  })
})
