/**
 * 电子监察 alerts and 差评 work orders on the supervisor dashboard (docs/supervision.md): levels, rules,
 * states and steps in words, each alert's deadline from its `details`, and the body of each action with
 * its required fields. Pure: no @tarojs import.
 */

// --- Alerts ----------------------------------------------------------------------------------------------

export const LEVEL_WORDS: Record<string, string> = { warning: '预警', yellow: '黄牌', red: '红牌' }

export function levelWord (level: string): string {
  return LEVEL_WORDS[level] ?? level
}

const RULE_WORDS: Record<string, string> = {
  application_deadline: '办件办理时限',
  correction_not_sent: '收件后未及时处理',
  ticket_wait: '取号等候超时',
  window_pause: '窗口暂停超时',
  work_order_overdue: '差评工单逾期未答复',
  complaint_overdue: '投诉逾期未答复',
}

export function ruleWord (rule: string): string {
  return RULE_WORDS[rule] ?? rule
}

const ALERT_STATUS_WORDS: Record<string, string> = {
  open: '待签收',
  acknowledged: '已签收',
  resolved: '已办结',
  appealed: '申诉中',
  upheld: '申诉成立',
}

export function alertStatusWord (status: string): string {
  return ALERT_STATUS_WORDS[status] ?? status
}

/** The filters of the alert list: open ones first (the default), then all. */
export const ALERT_FILTERS: { key: string, label: string }[] = [
  { key: 'open', label: '待签收' },
  { key: 'acknowledged', label: '已签收' },
  { key: 'appealed', label: '申诉中' },
  { key: 'resolved', label: '已办结' },
  { key: '', label: '全部' },
]

export interface AlertLike {
  rule: string
  subject_type: string
  subject_id: number
  details: Record<string, unknown>
}

function text (value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** What the alert is about: 办件 #12, 号码 A017, 3号窗口, 差评工单 #4, 投诉 #9. */
export function subjectText (alert: AlertLike): string {
  const d = alert.details
  if (alert.subject_type === 'ticket' && text(d.label)) return `号码 ${text(d.label)}`
  if (alert.subject_type === 'window' && text(d.window)) return `${text(d.window)}号窗口`
  const words: Record<string, string> = {
    application: '办件', ticket: '号码', window: '窗口', work_order: '差评工单', complaint: '投诉',
  }
  return `${words[alert.subject_type] ?? alert.subject_type} #${alert.subject_id}`
}

/** The deadline the alert is about, in words, from the values kept when it was raised ('' when none). */
export function alertDeadline (alert: AlertLike): string {
  const d = alert.details
  if (alert.rule === 'application_deadline') {
    const parts: string[] = []
    if (text(d.promised_due)) parts.push(`承诺期限 ${text(d.promised_due)}`)
    if (text(d.legal_due)) parts.push(`法定期限 ${text(d.legal_due)}`)
    return parts.join('，')
  }
  if (alert.rule === 'correction_not_sent' && text(d.due)) return `应于 ${text(d.due)} 前受理或发出补正`
  if ((alert.rule === 'work_order_overdue' || alert.rule === 'complaint_overdue') && text(d.due_on)) {
    return `应于 ${text(d.due_on)} 前答复`
  }
  return ''
}

/** What was seen when it was raised: time used, minutes waited or paused, the pause's reason. */
export function alertFacts (alert: AlertLike): string {
  const d = alert.details
  if (alert.rule === 'application_deadline' && typeof d.percent_used === 'number') {
    return `承诺时限已用 ${Math.round(d.percent_used)}%`
  }
  if (alert.rule === 'ticket_wait' && typeof d.waited_minutes === 'number') return `已等候 ${d.waited_minutes} 分钟`
  if (alert.rule === 'window_pause' && typeof d.paused_minutes === 'number') {
    const reason = text(d.reason) ? `，原因：${text(d.reason)}` : ''
    return `已暂停 ${d.paused_minutes} 分钟${reason}`
  }
  return ''
}

export type AlertAction = 'acknowledge' | 'resolve' | 'appeal' | 'decide'

export const ALERT_ACTION_WORDS: Record<AlertAction, string> = {
  acknowledge: '签收',
  resolve: '办结',
  appeal: '申诉',
  decide: '复核申诉',
}

/** The actions this dashboard offers, in the order of `allowed`. */
export function alertActions (allowed: readonly string[]): AlertAction[] {
  return allowed.filter((action): action is AlertAction => action in ALERT_ACTION_WORDS)
}

export const NOTE_MAX = 500

export interface StepForm {
  text: string
  /** For 复核 (decide): whether the appeal is upheld; null until chosen. */
  upheld: boolean | null
}

export type Built = { body: Record<string, unknown> } | { problem: string }

function noteProblem (note: string, required: boolean, what: string): string {
  if (required && note === '') return `请填写${what}`
  if (note.length > NOTE_MAX) return `${what}最多 ${NOTE_MAX} 个字`
  return ''
}

/** acknowledge {note?}, resolve {note}, appeal {reason}, decide {upheld, note}. */
export function buildAlertAction (action: AlertAction, form: StepForm): Built {
  const note = form.text.trim()
  if (action === 'acknowledge') {
    const problem = noteProblem(note, false, '签收说明')
    return problem ? { problem } : { body: note ? { note } : {} }
  }
  if (action === 'resolve') {
    const problem = noteProblem(note, true, '办结说明')
    return problem ? { problem } : { body: { note } }
  }
  if (action === 'appeal') {
    const problem = noteProblem(note, true, '申诉理由')
    return problem ? { problem } : { body: { reason: note } }
  }
  if (form.upheld === null) return { problem: '请选择申诉是否成立' }
  const problem = noteProblem(note, true, '复核意见')
  return problem ? { problem } : { body: { upheld: form.upheld, note } }
}

// --- Work orders -----------------------------------------------------------------------------------------

const ORDER_STATUS_WORDS: Record<string, string> = {
  open: '待核实',
  verified: '已核实，待整改或解释',
  rectified: '已整改，待答复',
  explained: '已解释说明，待答复',
  replied: '已答复，待回访',
  closed: '已办结',
  appealed: '申诉中',
  appeal_upheld: '申诉成立',
}

export function orderStatusWord (status: string): string {
  return ORDER_STATUS_WORDS[status] ?? status
}

/** States in which the department owes the reply: the deadline runs. */
export const PENDING_ORDER = ['open', 'verified', 'rectified', 'explained']

export const ORDER_FILTERS: { key: string, label: string }[] = [
  { key: '', label: '全部' },
  { key: 'open', label: '待核实' },
  { key: 'verified', label: '已核实' },
  { key: 'replied', label: '待回访' },
  { key: 'appealed', label: '申诉中' },
  { key: 'closed', label: '已办结' },
]

/** `2026-11-30（已逾期）`: the reply's due day against the hall's today, flagged when it is late. */
export function orderDue (dueOn: string, status: string, today: string): { text: string, overdue: boolean } {
  const pending = PENDING_ORDER.includes(status)
  if (pending && dueOn < today) return { text: `${dueOn}（已逾期）`, overdue: true }
  if (pending && dueOn === today) return { text: `${dueOn}（今天到期）`, overdue: false }
  return { text: dueOn, overdue: false }
}

export type OrderStep = 'verify' | 'rectify' | 'explain' | 'reply' | 'appeal' | 'decide'

export const ORDER_STEP_WORDS: Record<OrderStep, { label: string, field: string }> = {
  verify: { label: '核实', field: '核实情况' },
  rectify: { label: '整改', field: '整改措施' },
  explain: { label: '解释说明', field: '解释说明' },
  reply: { label: '答复', field: '答复内容（发送给评价人）' },
  appeal: { label: '申诉', field: '申诉理由' },
  decide: { label: '复核申诉', field: '复核意见' },
}

export function orderSteps (allowed: readonly string[]): OrderStep[] {
  return allowed.filter((step): step is OrderStep => step in ORDER_STEP_WORDS)
}

/** verify/rectify/explain/reply {text}, appeal {reason}, decide {upheld, note}; each text 1-500 characters. */
export function buildOrderStep (step: OrderStep, form: StepForm): Built {
  const value = form.text.trim()
  const what = ORDER_STEP_WORDS[step].field.replace(/（.*）$/, '')
  if (step === 'decide' && form.upheld === null) return { problem: '请选择申诉是否成立' }
  const problem = noteProblem(value, true, what)
  if (problem) return { problem }
  if (step === 'appeal') return { body: { reason: value } }
  if (step === 'decide') return { body: { upheld: form.upheld, note: value } }
  return { body: { text: value } }
}

const EVENT_WORDS: Record<string, string> = {
  open: '生成工单', raise: '发出', escalate: '升级', reopen: '重新打开', auto_resolve: '系统自动办结',
  acknowledge: '签收', resolve: '办结', appeal: '申诉', decide: '复核', verify: '核实', rectify: '整改',
  explain: '解释说明', reply: '答复', revisit: '回访',
}

/** An event of an alert or work order in words. */
export function eventWord (action: string): string {
  return EVENT_WORDS[action] ?? action
}
