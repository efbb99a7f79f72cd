/**
 * How an application (办件) is shown: its state in words, the timeline, the deadline, the
 * 办件编号. States and actions are those of docs/applications.md. Pure: no @tarojs import.
 */
import type { Tone } from './catalogFormat'
import { formatDateTime } from './format'

export const STATUS_WORDS: Record<string, string> = {
  draft: '草稿',
  received: '已提交，等待受理',
  withdrawn: '已撤回',
  accepted: '已受理',
  not_accepted: '不予受理',
  correction: '需要补正材料',
  in_process: '正在办理',
  special: '特别程序中',
  approved: '已办结（通过）',
  approved_pending: '已办结（容缺通过）',
  refused: '已办结（不予通过）',
  revoked: '已撤销',
  delivered: '已办结，结果已送达',
}

/** 办结: the rating (好差评) opens, the clock has stopped. */
export const CONCLUDED = ['approved', 'approved_pending', 'refused', 'not_accepted', 'delivered', 'revoked']
/** Still being worked on (by the department or, for 补正, by the resident). */
export const IN_PROGRESS = ['received', 'accepted', 'correction', 'in_process', 'special']

export function statusText (status: string): string {
  return STATUS_WORDS[status] ?? status
}

export function statusTone (status: string): Tone {
  if (status === 'approved' || status === 'approved_pending' || status === 'delivered') return 'green'
  if (status === 'correction' || status === 'draft') return 'amber'
  if (IN_PROGRESS.includes(status)) return 'blue'
  return 'gray'
}

export function isConcluded (status: string): boolean {
  return CONCLUDED.includes(status)
}

/** The filters of 我的办件. */
export type ListFilter = 'all' | 'active' | 'done' | 'draft'

export const LIST_FILTERS: { key: ListFilter, label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'active', label: '进行中' },
  { key: 'done', label: '已办结' },
  { key: 'draft', label: '草稿' },
]

/** Whether an application belongs under a filter; 已办结 also holds those withdrawn. */
export function matchesFilter (status: string, filter: ListFilter): boolean {
  if (filter === 'all') return true
  if (filter === 'draft') return status === 'draft'
  if (filter === 'active') return IN_PROGRESS.includes(status)
  return status !== 'draft' && !IN_PROGRESS.includes(status)
}

/** `330106 20261009 000123 6`: the 21-character 办件编号 in groups, easier to read aloud. */
export function groupedNumber (number: string | null | undefined): string {
  if (!number) return ''
  if (!/^\d{20}[\dX]$/.test(number)) return number
  return `${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14, 20)} ${number.slice(20)}`
}

const ACTION_WORDS: Record<string, string> = {
  create: '创建草稿',
  submit: '提交申请',
  withdraw: '撤回申请',
  accept: '受理',
  not_accept: '不予受理',
  request_correction: '要求补正材料',
  resubmit: '补正后重新提交',
  start_processing: '开始办理',
  special_start: '进入特别程序',
  special_end: '特别程序结束',
  approve: '办结：通过',
  approve_pending: '办结：容缺通过',
  refuse: '办结：不予通过',
  deliver: '结果已送达',
  revoke: '撤销',
}

export function actionText (action: string): string {
  return ACTION_WORDS[action] ?? action
}

const DELIVERY_WORDS: Record<string, string> = {
  download: '网上下载',
  pickup: '到窗口领取',
  post: '邮寄送达',
}

const ACTOR_WORDS: Record<string, string> = {
  resident: '申请人',
  staff: '工作人员',
  system: '系统',
}

/** One step of the timeline as an application answer (`Event`) or the public progress (`PublicEvent`) gives it. */
export interface TimelineEvent {
  action: string
  at: string
  code: number | null
  to_status?: string
  actor?: string
  comment?: string
  details?: Record<string, unknown>
}

export interface TimelineStep {
  title: string
  time: string
  /** 申请人 / 工作人员; '' on the public view, which does not say. */
  who: string
  /** What staff wrote: reasons, the list of what is missing, basis, delivery, comment. */
  lines: string[]
  /** `国家办件状态 6`; '' when the step has no national code. */
  code: string
}

function strings (value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}

function text (value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function detailLines (event: TimelineEvent): string[] {
  const details = event.details ?? {}
  const lines: string[] = []
  const reason = text(details.reason)
  if (reason) lines.push(`原因：${reason}`)
  const items = strings(details.items)
  if (items.length) lines.push(`需要补正：${items.join('；')}`)
  const basis = text(details.legal_basis)
  if (basis) lines.push(`依据：${basis}`)
  const materials = strings(details.materials)
  if (materials.length) lines.push(`需后补的材料：${materials.join('；')}`)
  const method = text(details.method)
  if (method) lines.push(`送达方式：${DELIVERY_WORDS[method] ?? method}`)
  const comment = text(event.comment)
  if (comment) lines.push(`留言：${comment}`)
  return lines
}

/** The timeline, newest step first, each with its time, who and what staff wrote. */
export function timelineSteps (events: readonly TimelineEvent[]): TimelineStep[] {
  return [...events]
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (b.event.at.localeCompare(a.event.at)) || b.index - a.index)
    .map(({ event }) => ({
      title: actionText(event.action),
      time: formatDateTime(event.at),
      who: event.actor ? ACTOR_WORDS[event.actor] ?? '' : '',
      lines: detailLines(event),
      code: typeof event.code === 'number' ? `国家办件状态 ${event.code}` : '',
    }))
}

/** What staff asked for in the latest 补正: its list and comment. */
export function latestCorrection (events: readonly TimelineEvent[]): { items: string[], comment: string } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]
    if (event.action === 'request_correction') {
      return { items: strings(event.details?.items), comment: text(event.comment) }
    }
  }
  return null
}

/** The clock of an application (`Clock`), as the API gives it. */
export interface ClockView {
  started_on: string | null
  promised_due: string | null
  legal_due: string | null
  promised_left: number | null
  paused: boolean
  stopped: boolean
  overdue: boolean
}

/** The deadline in a sentence a resident understands. */
export function deadlineText (status: string, clock: ClockView | null | undefined): string {
  if (status === 'draft') return '提交后由部门受理，受理后开始计算办理时限'
  if (!clock) return ''
  if (clock.stopped) return ''
  if (!clock.started_on) return '部门受理后开始计算办理时限'
  if (clock.paused) {
    return status === 'correction'
      ? '补正期间暂停计时，补正提交后继续'
      : '特别程序期间暂停计时'
  }
  if (clock.overdue && clock.promised_left !== null) return `已超过承诺时限 ${Math.abs(clock.promised_left)} 个工作日`
  if (clock.promised_due) {
    if (clock.promised_left === 0) return `承诺今天（${clock.promised_due}）办结`
    const left = clock.promised_left !== null ? `，还有 ${clock.promised_left} 个工作日` : ''
    return `承诺 ${clock.promised_due} 前办结${left}`
  }
  return ''
}
