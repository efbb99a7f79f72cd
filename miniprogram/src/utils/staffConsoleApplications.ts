/**
 * The application work list at the window (docs/applications.md, "Processing (staff)"): the filters,
 * the steps staff take with the fields each requires, and the body a step sends. Pure: no @tarojs import.
 */
import type { Schemas } from '../api/types'
import { actionText } from './applicationFormat'

/** A step of the lifecycle, as the transitions endpoint names it. */
export type StepName = Schemas['Transition']['action']

export type TransitionField = 'reason' | 'items' | 'legal_basis' | 'materials' | 'method'

/** The staff steps and the fields each requires (the table of docs/applications.md). */
export const STEP_FIELDS: Partial<Record<StepName, TransitionField[]>> = {
  accept: [],
  not_accept: ['reason'],
  request_correction: ['items'],
  start_processing: [],
  special_start: ['reason', 'legal_basis'],
  special_end: [],
  approve: [],
  approve_pending: ['materials'],
  refuse: ['reason'],
  deliver: ['method'],
  revoke: ['reason'],
}

/** Steps that end or refuse a case: shown in red and confirmed by the form itself. */
const SERIOUS = new Set(['not_accept', 'refuse', 'revoke'])

export function isSeriousStep (action: string): boolean {
  return SERIOUS.has(action)
}

/** The steps a staff member can take from `allowed_actions` (the resident's own steps are left out). */
export function staffSteps (allowed: readonly string[]): StepName[] {
  return allowed.filter((action): action is StepName => action in STEP_FIELDS)
}

/** The step's name on its button: 受理, 要求补正材料, 办结：通过… */
export function stepLabel (action: string): string {
  return actionText(action)
}

export const FIELD_LABELS: Record<TransitionField, string> = {
  reason: '理由（申请人可见）',
  items: '需补正的材料（一次性告知，每行一项）',
  legal_basis: '法律依据',
  materials: '容缺后补的材料（每行一项）',
  method: '送达方式',
}

export const DELIVERY_METHODS: { key: string, label: string }[] = [
  { key: 'download', label: '网上下载' },
  { key: 'pickup', label: '窗口领取' },
  { key: 'post', label: '邮寄送达' },
]

export interface TransitionForm {
  reason: string
  items: string
  legal_basis: string
  materials: string
  method: string
  comment: string
}

export const EMPTY_TRANSITION_FORM: TransitionForm = {
  reason: '', items: '', legal_basis: '', materials: '', method: '', comment: '',
}

export const LIMITS = {
  reasonMin: 5,
  reasonMax: 200,
  lineMax: 200,
  linesMax: 50,
  legalBasisMax: 500,
  commentMax: 500,
}

/** One entry per non-empty line, trimmed. */
export function lines (text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')
}

export type TransitionProblems = Partial<Record<TransitionField | 'comment', string>>

export interface TransitionBody {
  action: StepName
  comment?: string
  reason?: string
  items?: string[]
  legal_basis?: string
  materials?: string[]
  method?: string
}

function listProblem (entries: string[], what: string): string {
  if (entries.length === 0) return `请填写${what}，每行一项`
  if (entries.length > LIMITS.linesMax) return `${what}最多 ${LIMITS.linesMax} 项`
  if (entries.some((entry) => entry.length > LIMITS.lineMax)) return `每项最多 ${LIMITS.lineMax} 个字`
  return ''
}

/**
 * The body of `POST /applications/{id}/transitions` for the step, with only its own fields; or every problem
 * with the form at once, keyed by field.
 */
export function buildTransition (action: StepName, form: TransitionForm): { body: TransitionBody } | { problems: TransitionProblems } {
  const problems: TransitionProblems = {}
  const body: TransitionBody = { action }
  for (const field of STEP_FIELDS[action] ?? []) {
    if (field === 'reason') {
      const reason = form.reason.trim()
      if (reason.length < LIMITS.reasonMin || reason.length > LIMITS.reasonMax) {
        problems.reason = `理由需 ${LIMITS.reasonMin}-${LIMITS.reasonMax} 个字`
      }
      body.reason = reason
    } else if (field === 'items' || field === 'materials') {
      const entries = lines(form[field])
      const problem = listProblem(entries, field === 'items' ? '需补正的材料' : '后补的材料')
      if (problem) problems[field] = problem
      body[field] = entries
    } else if (field === 'legal_basis') {
      const basis = form.legal_basis.trim()
      if (basis === '' || basis.length > LIMITS.legalBasisMax) problems.legal_basis = `请填写法律依据（最多 ${LIMITS.legalBasisMax} 个字）`
      body.legal_basis = basis
    } else if (field === 'method') {
      if (!DELIVERY_METHODS.some((method) => method.key === form.method)) problems.method = '请选择送达方式'
      body.method = form.method
    }
  }
  const comment = form.comment.trim()
  if (comment.length > LIMITS.commentMax) problems.comment = `备注最多 ${LIMITS.commentMax} 个字`
  if (comment !== '') body.comment = comment
  return Object.keys(problems).length > 0 ? { problems } : { body }
}

/** The filters of the work list: the states staff work on, then all. */
export const WORK_FILTERS: { key: string, label: string }[] = [
  { key: '', label: '全部' },
  { key: 'received', label: '待受理' },
  { key: 'accepted', label: '已受理' },
  { key: 'in_process', label: '办理中' },
  { key: 'correction', label: '补正中' },
  { key: 'special', label: '特别程序' },
  { key: 'approved', label: '已办结（通过）' },
]

/** Whether a hall date typed for "due before" is a real YYYY-MM-DD date ('' means no filter). */
export function isDateOrEmpty (text: string): boolean {
  if (text === '') return true
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/** The promised due date in words for the list, against the hall's today (YYYY-MM-DD): overdue and due today stand out. */
export function dueText (promisedDue: string | null | undefined, today: string): { text: string, urgent: boolean } {
  if (!promisedDue) return { text: '受理后计时', urgent: false }
  if (promisedDue < today) return { text: `${promisedDue}（已超期）`, urgent: true }
  if (promisedDue === today) return { text: `${promisedDue}（今天到期）`, urgent: true }
  return { text: promisedDue, urgent: false }
}

/** The actions a 409 INVALID_TRANSITION says fit now (`details.allowed`), or null when it does not say. */
export function allowedFromConflict (details: Record<string, unknown> | undefined): string[] | null {
  const allowed = details?.allowed
  return Array.isArray(allowed) && allowed.every((item) => typeof item === 'string') ? allowed as string[] : null
}

/** A form answer shown to staff: lists joined, an address by its detail, nothing as '—'. */
export function answerText (value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.map(answerText).join('、')
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (typeof v.detail === 'string') return typeof v.region === 'string' && v.region ? `${v.detail}（区划 ${v.region}）` : v.detail
    return JSON.stringify(value)
  }
  return String(value)
}

/** A field of an item's `application_form`, as far as the staff view reads it. */
export interface FormFieldLike {
  name: string
  label: string
  options?: { label: string, value: string }[]
}

function isField (value: unknown): value is FormFieldLike {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return typeof v.name === 'string' && typeof v.label === 'string'
}

/**
 * The answers in the form's order with each field's label and a chosen option's label; answers to fields the
 * item no longer asks come last under their own names.
 */
export function answerRows (form: Record<string, unknown>, fields: readonly unknown[]): { name: string, label: string, text: string }[] {
  const known = fields.filter(isField)
  const rows = known.filter((field) => field.name in form).map((field) => {
    const value = form[field.name]
    const option = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? v
    const shown = Array.isArray(value) ? value.map(option) : option(value)
    return { name: field.name, label: field.label, text: answerText(shown) }
  })
  const names = new Set(known.map((field) => field.name))
  for (const [name, value] of Object.entries(form)) {
    if (!names.has(name)) rows.push({ name, label: name, text: answerText(value) })
  }
  return rows
}

/** `12.5 KB`, `1.2 MB`: a file's size. */
export function sizeText (bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
