/**
 * 好差评 and complaints in words: the five rating levels, the reasons offered for a bad rating,
 * the three levels of a 回访 or a complaint's answer, complaint categories, and the rating
 * errors in plain Chinese (docs/supervision.md). Pure: no @tarojs import.
 */
import { type ApiError, errorText, isApiError } from '../api/errors'

export interface Level {
  level: number
  text: string
}

/** 5 非常满意 … 1 非常不满意, best first (the order the buttons show). */
export const RATING_LEVELS: Level[] = [
  { level: 5, text: '非常满意' },
  { level: 4, text: '满意' },
  { level: 3, text: '基本满意' },
  { level: 2, text: '不满意' },
  { level: 1, text: '非常不满意' },
]

/** 回访 of a 差评's handling, and the rating of a complaint's answer: 3 满意, 2 基本满意, 1 不满意. */
export const REPLY_LEVELS: Level[] = [
  { level: 3, text: '满意' },
  { level: 2, text: '基本满意' },
  { level: 1, text: '不满意' },
]

export function levelText (level: number | null | undefined, levels: readonly Level[] = RATING_LEVELS): string {
  return levels.find((l) => l.level === level)?.text ?? ''
}

/** Levels 1-2 are 差评: they open a work order, and the reasons are asked. */
export function isBadLevel (level: number | null): boolean {
  return level !== null && level <= 2
}

/** What went wrong, offered as tags on a 差评 (each at most 20 characters, at most 10). */
export const BAD_TAGS: Record<'onsite' | 'online', string[]> = {
  onsite: ['等候时间长', '服务态度差', '业务不熟练', '一次告知不清', '多次跑腿', '环境设施差'],
  online: ['办理时间长', '材料要求不清', '系统操作难', '审核结果不明', '多次补正', '工作人员态度差'],
}
export const MAX_TAGS = 10
export const MAX_COMMENT = 500

export type Subject =
  | { kind: 'ticket', id: number }
  | { kind: 'application', id: number }
  | { kind: 'work_order', id: number }

/** What the rating page was opened for: `?ticket=`, `?application=` or `?work_order=` (the first that is a valid id). */
export function ratingSubject (params: { ticket: number | null, application: number | null, workOrder: number | null }): Subject | null {
  if (params.application !== null) return { kind: 'application', id: params.application }
  if (params.ticket !== null) return { kind: 'ticket', id: params.ticket }
  if (params.workOrder !== null) return { kind: 'work_order', id: params.workOrder }
  return null
}

export interface RatingInput {
  level: number
  tags: string[]
  comment: string
}

/** The body of `POST /api/v1/evaluations`; tags only with a 差评, the comment trimmed. */
export function ratingBody (subject: { kind: 'ticket' | 'application', id: number }, input: RatingInput): Record<string, unknown> {
  const body: Record<string, unknown> = { level: input.level }
  if (subject.kind === 'ticket') body.ticket_id = subject.id
  else body.application_id = subject.id
  const tags = isBadLevel(input.level) ? input.tags.slice(0, MAX_TAGS) : []
  if (tags.length) body.tags = tags
  const comment = input.comment.trim()
  if (comment) body.comment = Array.from(comment).slice(0, MAX_COMMENT).join('')
  return body
}

/** Adds or removes a tag (never more than MAX_TAGS). */
export function toggleTag (tags: readonly string[], tag: string): string[] {
  if (tags.includes(tag)) return tags.filter((t) => t !== tag)
  return tags.length >= MAX_TAGS ? [...tags] : [...tags, tag]
}

function dayOf (value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 10) : ''
}

/** A rating refusal in plain words (ALREADY_RATED, RATING_NOT_OPEN); other errors as the API says. */
export function ratingErrorText (error: unknown, kind: 'ticket' | 'application'): string {
  if (!isApiError(error)) return errorText(error)
  const e: ApiError = error
  if (e.code === 'ALREADY_RATED') return '您已经评价过了，感谢您的反馈。'
  if (e.code === 'RATING_NOT_OPEN') {
    if (e.details.reason === 'expired') {
      const until = dayOf(e.details.until)
      return `已超过评价期限${until ? `（${until} 截止）` : ''}，不能再评价。如有意见可以投诉建议。`
    }
    return kind === 'ticket' ? '这次服务还没有结束，办完后才能评价。' : '这件事还没有办结，办结后才能评价。'
  }
  if (e.code === 'ASSURANCE_REQUIRED') return '评价需要先完成实名认证，以便我们回访您。'
  return errorText(e)
}

/** What a complaint is about (`category`). */
export const COMPLAINT_CATEGORIES: { value: string, label: string }[] = [
  { value: 'attitude', label: '服务态度' },
  { value: 'efficiency', label: '办事效率' },
  { value: 'guide', label: '办事指南' },
  { value: 'platform', label: '平台使用' },
  { value: 'other', label: '其他' },
]
export const COMPLAINT_MAX = 1000

export function categoryText (category: string): string {
  return COMPLAINT_CATEGORIES.find((c) => c.value === category)?.label ?? category
}

const COMPLAINT_STATUS: Record<string, string> = {
  open: '等待答复',
  replied: '已答复，请评价',
  closed: '已结束',
}

export function complaintStatusText (status: string): string {
  return COMPLAINT_STATUS[status] ?? status
}

/** What a complaint is about, as the form offers it: one of my applications, a ticket, or a department. */
export type ComplaintAbout =
  | { kind: 'application', id: number }
  | { kind: 'ticket', id: number }
  | { kind: 'department', code: string }

/** The body of `POST /api/v1/complaints` (exactly one subject). */
export function complaintBody (category: string, text: string, about: ComplaintAbout): Record<string, unknown> {
  const body: Record<string, unknown> = { category, text: text.trim() }
  if (about.kind === 'application') body.application_id = about.id
  else if (about.kind === 'ticket') body.ticket_id = about.id
  else body.department_code = about.code
  return body
}

/** A hint under the complaint text; '' when it can be sent. */
export function complaintTextHint (text: string): string {
  const n = Array.from(text.trim()).length
  if (n > COMPLAINT_MAX) return `最多 ${COMPLAINT_MAX} 个字，现在 ${n} 个`
  return ''
}
