/** Page URLs and their parameters. Pure: no @tarojs import. */
import { buildQuery } from '../api/catalogQuery'

export const HOME_PAGE = '/pages/home/index'
export const ITEMS_PAGE = '/pages/items/index'
export const ITEM_PAGE = '/pages/item/index'
export const HALLS_PAGE = '/pages/halls/index'

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
