import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

// The mini-programs have no DOM: a file that touches browser-only APIs must check TARO_ENV for H5.
const BROWSER_ONLY = /(?<![.\w])(window|document|localStorage|sessionStorage|navigator)\.|(?<![.\w])fetch\(/
const SRC = resolve(__dirname, '../../src')

function sources (dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

describe('browser-only APIs', () => {
  it('are used only in files that check for the H5 build', () => {
    const offenders = sources(SRC)
      .filter((path) => {
        const code = readFileSync(path, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
        return BROWSER_ONLY.test(code) && !/TARO_ENV\s*[!=]==?\s*'h5'/.test(code)
      })
      .map((path) => relative(SRC, path))
    expect(offenders).toEqual([])
  })
})
