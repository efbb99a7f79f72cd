/** URLs of the apply, progress, rating and complaint pages with their parameters. Pure: no @tarojs import. */
import { buildQuery } from '../api/catalogQuery'
import { APPLICATION_PAGE, APPLY_PAGE, COMPLAINT_PAGE, RATING_PAGE } from './routes'

/** 在线申请: a new one for an item (`item`), or an existing draft or 补正 (`id`). */
export function applyPageUrl (target: { item: string } | { id: number }): string {
  return APPLY_PAGE + buildQuery('id' in target ? { id: target.id } : { item: target.item })
}

/** 办件进度: one's own (`id`, login) or behind a message's token (`t`, no login). */
export function applicationPageUrl (target: { id: number } | { t: string }): string {
  return APPLICATION_PAGE + buildQuery('id' in target ? { id: target.id } : { t: target.t })
}

/** 评价: a hall visit, a concluded application, or the 回访 of a 差评's work order. */
export function ratingPageUrl (target: { ticket: number } | { application: number } | { work_order: number }): string {
  return RATING_PAGE + buildQuery(target)
}

/** 投诉建议: one complaint (`id`), or a new one about an application, a ticket or a department. */
export function complaintPageUrl (
  target: { id: number } | { application: number } | { ticket: number } | { department: string } | Record<string, never> = {},
): string {
  return COMPLAINT_PAGE + buildQuery(target)
}
