/** Page URLs of the booking journey and the guide's action buttons. Pure: no @tarojs import. */
import { buildQuery } from '../api/catalogQuery'
import { applyPageUrl } from './applyRoutes'
import { takeTicketPageUrl } from './queueRoutes'
import { APPOINTMENT_PAGE, APPOINTMENTS_PAGE, BOOK_PAGE } from './routes'

/** 预约办事 for an item, optionally at a hall already chosen. */
export function bookPageUrl (item: string, hallId?: number | null): string {
  return BOOK_PAGE + buildQuery({ item, hall: hallId })
}

/** 预约详情 by id (`booked` shows the 预约成功 notice) or by reference (what messages link to). */
export function appointmentPageUrl (target: { id?: number, ref?: string, booked?: boolean }): string {
  return APPOINTMENT_PAGE + buildQuery({ id: target.id, ref: target.ref, booked: target.booked ? 1 : undefined })
}

export function appointmentsPageUrl (): string {
  return APPOINTMENTS_PAGE
}

const REFERENCE = /^[2-9A-HJ-NP-Z]{8}$/

/** An appointment reference from a link (`y7k3m9q2` reads as `Y7K3M9Q2`), or null when it cannot be one. */
export function readReference (text: string): string | null {
  const ref = text.trim().toUpperCase()
  return REFERENCE.test(ref) ? ref : null
}

export type ItemActionKey = 'book' | 'apply' | 'take'

export interface ItemAction {
  key: ItemActionKey
  label: string
  /** A line under the label, in plain words. */
  hint: string
  url: string
}

export interface ActionableItem {
  code: string
  /** Takes appointments. */
  appointment: boolean
  /** Can be applied for online. */
  online: boolean
  /** The halls and lines that handle it: without one there is nowhere to book or queue. */
  handled_at: readonly { hall_id: number }[]
}

/**
 * The guide's buttons, only those the item allows: 预约办理 (bookable at a hall), 在线申请 (online),
 * 现场取号 (some hall line handles it). With a single hall, booking and queueing open at that hall.
 */
export function itemActions (item: ActionableItem): ItemAction[] {
  const halls = [...new Set(item.handled_at.map((h) => h.hall_id))]
  const onlyHall = halls.length === 1 ? halls[0] : undefined
  const actions: ItemAction[] = []
  if (item.online) {
    actions.push({ key: 'apply', label: '在线申请', hint: '网上提交材料，不用跑大厅', url: applyPageUrl({ item: item.code }) })
  }
  if (item.appointment && halls.length > 0) {
    actions.push({ key: 'book', label: '预约办理', hint: '选好时间再去，到场少排队', url: bookPageUrl(item.code, onlyHall) })
  }
  if (halls.length > 0) {
    actions.push({ key: 'take', label: '现场取号', hint: '在手机上取号，到号前再去窗口', url: takeTicketPageUrl({ item: item.code, hall: onlyHall }) })
  }
  return actions
}
