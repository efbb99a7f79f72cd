import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { generate } from '../../scripts/api-types.mjs'

describe('the generated API types', () => {
  it('match openapi.json (run `make api-types` after changing the API)', async () => {
    const current = await readFile(resolve(__dirname, '../../src/api/schema.d.ts'), 'utf8')
    expect(current === await generate()).toBe(true)
  })
})
