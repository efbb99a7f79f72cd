/** Page URLs and their parameters. Pure: no @tarojs import. */
import { buildQuery } from '../api/catalogQuery'

export const HOME_PAGE = '/pages/home/index'
export const ITEMS_PAGE = '/pages/items/index'
export const ITEM_PAGE = '/pages/item/index'
export const HALLS_PAGE = '/pages/halls/index'
export const LOGIN_PAGE = '/pages/login/index'
export const ME_PAGE = '/pages/me/index'
// Pages messages and short links open (the backend names them in its links): main package.
export const APPOINTMENT_PAGE = '/pages/appointment/index'
export const TICKET_PAGE = '/pages/ticket/index'
export const APPLICATION_PAGE = '/pages/application/index'
export const RATING_PAGE = '/pages/rating/index'
export const COMPLAINT_PAGE = '/pages/complaint/index'
// Subpackages (app.config.ts).
export const REAL_NAME_PAGE = '/sub/identity/real-name/index'
export const FACE_SANDBOX_PAGE = '/sub/identity/face-sandbox/index'
export const FAMILY_PAGE = '/sub/identity/family/index'
export const SETTINGS_PAGE = '/sub/identity/settings/index'
export const BOOK_PAGE = '/sub/booking/book/index'
export const APPOINTMENTS_PAGE = '/sub/booking/appointments/index'
export const TAKE_TICKET_PAGE = '/sub/queue/take/index'
export const TICKETS_PAGE = '/sub/queue/tickets/index'
export const APPLY_PAGE = '/sub/apply/form/index'
export const APPLICATIONS_PAGE = '/sub/apply/applications/index'
export const COMPLAINTS_PAGE = '/sub/apply/complaints/index'
// The hall screens (H5 only; Flask serves them at /hall/kiosk, /hall/board, /hall/staff, /hall/supervisor).
export const KIOSK_PAGE = '/hall/kiosk/index'
export const BOARD_PAGE = '/hall/board/index'
export const STAFF_LOGIN_PAGE = '/hall/staff/index'
export const SUPERVISOR_PAGE = '/hall/supervisor/index'

/** The search page, optionally with a query or theme already chosen, or the search box focused. */
export function itemsPageUrl (options: { q?: string, theme?: string, focus?: boolean } = {}): string {
  return ITEMS_PAGE + buildQuery({ q: options.q, theme: options.theme, focus: options.focus ? 1 : undefined })
}

export function itemPageUrl (code: string): string {
  return ITEM_PAGE + buildQuery({ code })
}

/** The halls page; with `hallId`, that hall's details open. */
export function hallsPageUrl (hallId?: number): string {
  return HALLS_PAGE + buildQuery({ id: hallId })
}

/**
 * A page parameter as typed. Taro's H5 router hands them over still percent-encoded while the
 * mini-programs may not, so decode once and keep the raw text when it is not valid encoding.
 */
export function readParam (raw: string | undefined | null): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** A positive whole-number parameter (`id=3`), or null. */
export function readIdParam (raw: string | undefined | null): number | null {
  const text = readParam(raw)
  if (!/^[1-9]\d{0,15}$/.test(text)) return null
  const id = Number(text)
  return Number.isSafeInteger(id) ? id : null
}
