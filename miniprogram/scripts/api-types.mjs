// Writes src/api/schema.d.ts from openapi.json (the backend's spec, written by `make api-types`).
// With --check it only compares, and fails when the checked-in types are stale.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import openapiTS, { astToString } from 'openapi-typescript'

const root = new URL('..', import.meta.url)
const SPEC = new URL('openapi.json', root)
const TYPES = new URL('src/api/schema.d.ts', root)
const HEADER = '// Generated from openapi.json by scripts/api-types.mjs (`make api-types`). Do not edit.\n\n'

export async function generate () {
  const spec = JSON.parse(await readFile(SPEC, 'utf8'))
  return HEADER + astToString(await openapiTS(spec, { exportType: true, alphabetize: true }))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = await generate()
  if (process.argv.includes('--check')) {
    const current = await readFile(TYPES, 'utf8').catch(() => '')
    if (current !== fresh) {
      console.error('src/api/schema.d.ts is stale: run `make api-types`')
      process.exit(1)
    }
  } else {
    await writeFile(TYPES, fresh)
  }
}
