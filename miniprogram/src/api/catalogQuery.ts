/**
 * Paths and query strings of the catalog API, and paging helpers. Pure: no @tarojs import.
 */
import type { ItemSearch } from './catalogTypes'
import { buildUrl } from './url'

export const PAGE_SIZE = 20
/** The API refuses a longer `q` (ItemQuerySchema). */
export const MAX_QUERY_LENGTH = 50
export const MAX_THEME_LENGTH = 32

export type QueryValue = string | number | boolean | null | undefined

/** `?a=1&b=%E7%A4%BE` in the order given; empty, null and undefined values are left out. '' when nothing is left. */
export function buildQuery (params: Record<string, QueryValue>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * What the search box sends: trimmed, inner whitespace collapsed, the apostrophes some pinyin
 * keyboards put between syllables (`she'bao`) dropped, at most 50 characters.
 */
export function normalizeSearch (text: string): string {
  return Array.from(text.replace(/['’]/g, '').replace(/\s+/g, ' ').trim()).slice(0, MAX_QUERY_LENGTH).join('').trim()
}

/** `GET /api/v1/items?q=&theme=&page=&page_size=`. */
export function itemsPath (search: ItemSearch = {}): string {
  const theme = (search.theme ?? '').trim().slice(0, MAX_THEME_LENGTH)
  return '/api/v1/items' + buildQuery({
    q: normalizeSearch(search.q ?? ''),
    theme,
    page: search.page ?? 1,
    page_size: search.page_size ?? PAGE_SIZE,
  })
}

export function itemPath (code: string): string {
  return `/api/v1/items/${encodeURIComponent(code)}`
}

/** The printable 一次性告知 checklist of an item (HTML). */
export function checklistPath (code: string): string {
  return `${itemPath(code)}/checklist${buildQuery({ format: 'html' })}`
}

/** A link the API gave (a sample form): absolute http(s) as is, a path on the API's base. */
export function linkUrl (base: string, link: string): string {
  return /^https?:\/\//i.test(link) ? link : buildUrl(base, link)
}

/** `GET /api/v1/halls`, nearest first when `near` (`lat,lng`) is given. */
export function hallsPath (near?: string | null): string {
  return '/api/v1/halls' + buildQuery({ near })
}

export function hallPath (id: number): string {
  return `/api/v1/halls/${encodeURIComponent(String(id))}`
}

function degrees (value: number): string {
  // 6 decimals is about 0.1 m; String() of the rounded number drops trailing zeros and "-0".
  return String(Number(value.toFixed(6)) || 0)
}

/** `lat,lng` for `near=`, or null when the position is not a real one. */
export function formatNear (latitude: number, longitude: number): string | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null
  return `${degrees(latitude)},${degrees(longitude)}`
}

/** The list after loading one more page; a line already shown (the catalog moved between pages) is not repeated. */
export function appendPage<T extends { code: string }> (shown: T[], next: T[]): T[] {
  const seen = new Set(shown.map((item) => item.code))
  return shown.concat(next.filter((item) => !seen.has(item.code)))
}
