/**
 * Builds API URLs. Pure: no @tarojs import, so it runs under vitest as is.
 *
 * The base comes from TARO_APP_API_BASE (declared in .env, inlined at build time).
 * Empty means same origin: the H5 build is served by Flask next to /api and /readyz.
 * Mini-programs need an absolute https base.
 */

/** Trims whitespace and trailing slashes; undefined and '' both mean same origin. */
export function normalizeBase (base: string | undefined | null): string {
  return (base ?? '').trim().replace(/\/+$/, '')
}

/** Joins a base and a path with exactly one slash between them. */
export function buildUrl (base: string | undefined | null, path: string): string {
  const cleanPath = '/' + path.replace(/^\/+/, '')
  return normalizeBase(base) + cleanPath
}

/** The API base this build was made with. */
export const API_BASE = normalizeBase(process.env.TARO_APP_API_BASE)

/** A URL on the configured API, e.g. apiUrl('/readyz'). */
export function apiUrl (path: string): string {
  return buildUrl(API_BASE, path)
}
