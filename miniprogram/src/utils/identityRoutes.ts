/**
 * URLs of the identity pages (login, 实名认证, the sandbox face page, 家人代办) and the check that
 * a `redirect` / `next` / `back` parameter names a page of this app. Pure: no @tarojs import.
 */
import { buildQuery } from '../api/catalogQuery'
import * as routes from './routes'
import { FACE_SANDBOX_PAGE, FAMILY_PAGE, LOGIN_PAGE, readParam, REAL_NAME_PAGE } from './routes'

/** Every page path routes.ts names (`/pages/…/index`, `/sub/…/index`). */
const APP_PAGES: ReadonlySet<string> = new Set(
  (Object.values(routes) as unknown[]).filter((value): value is string => typeof value === 'string' && /^\/(pages|sub)\//.test(value)),
)

const MAX_PATH_LENGTH = 1000

/**
 * A page parameter that says where to go next, when it is a page of this app: its path is one
 * routes.ts names (so never another site, never `//host`), and nothing in it could break out of
 * the URL (spaces, control characters, `#`, `\`). The login page itself is refused (a loop).
 * Returns the decoded `path?query`, or null.
 */
export function safeAppPath (raw: string | undefined | null): string | null {
  const text = readParam(raw)
  if (text === '' || text.length > MAX_PATH_LENGTH) return null
  if (/[\s\u0000-\u001f\u007f#\\]/.test(text)) return null
  const mark = text.indexOf('?')
  const path = mark === -1 ? text : text.slice(0, mark)
  if (!APP_PAGES.has(path) || path === LOGIN_PAGE) return null
  return text
}

/** `need=2|3`: the assurance level a page asked for (ASSURANCE_REQUIRED details.required_level); null otherwise. */
export function readLevelParam (raw: string | undefined | null): 2 | 3 | null {
  const text = readParam(raw)
  if (text === '2') return 2
  if (text === '3') return 3
  return null
}

/**
 * The login page. `redirect` is where to go after logging in (a page of the app, checked again
 * by the login page); `bind` opens the phone-verification step for a resident already logged in.
 */
export function loginPageUrl (options: { redirect?: string, bind?: boolean } = {}): string {
  return LOGIN_PAGE + buildQuery({ redirect: options.redirect, bind: options.bind ? 1 : undefined })
}

/**
 * 实名认证. `next`: the page to return to once the resident reaches `need` (the level the page
 * asked for: 2 real name, 3 face). `verification`: a face check to finish when the page opens
 * (after the sandbox face page).
 */
export function realNamePageUrl (options: { next?: string, need?: number | null, verification?: string } = {}): string {
  return REAL_NAME_PAGE + buildQuery({ next: options.next, need: options.need ?? undefined, verification: options.verification })
}

/** The sandbox face page for face session `ref`; `back` is the page to open after it when there is none to go back to. */
export function faceSandboxPageUrl (ref: string, back: string): string {
  return FACE_SANDBOX_PAGE + buildQuery({ ref, back })
}

/** 家人代办; `accept` + `verification` finish accepting an invitation after the sandbox face page. */
export function familyPageUrl (options: { accept?: number, verification?: string } = {}): string {
  return FAMILY_PAGE + buildQuery({ accept: options.accept, verification: options.verification })
}

/**
 * Whether going back lands on `url`'s page: the page below the current one (`previousRoute`, as
 * getCurrentPages() names it: `pages/me/index`, with or without a leading `/`) is that page.
 * Then going back keeps what the resident had entered there, instead of opening it again.
 */
export function previousIsPage (previousRoute: string | undefined, url: string): boolean {
  if (!previousRoute) return false
  const route = previousRoute.split('?')[0].replace(/^\/+/, '')
  return route !== '' && `/${route}` === url.split('?')[0]
}
