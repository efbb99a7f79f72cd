// Runs one journey: `node tests/e2e/run.mjs tests/e2e/journeys/5-elderly.mjs`. A journey module
// exports `default async function ({ page, context, browser })` and throws to fail; `page` is a phone
// (390×844), `browser` makes other screens (a kiosk, a board, a staff PC).
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

import { launch } from './lib.mjs'

const file = process.argv[2]
if (!file) {
  console.error('usage: node tests/e2e/run.mjs <journey.mjs>')
  process.exit(2)
}
const journey = (await import(pathToFileURL(resolve(file)).href)).default
const { browser, context, page, problems } = await launch()
let failed = false
try {
  await journey({ page, context, browser })
  if (problems.length) throw new Error(`the page threw: ${problems.join('; ')}`)
} catch (error) {
  failed = true
  console.error(`FAIL ${file}: ${error.stack ?? error}`)
  try {
    await page.screenshot({ path: `/tmp/e2e-failure-${Date.now()}.png` })
  } catch {
    // the page is gone; the error says enough
  }
} finally {
  await context.close()
  await browser.close()
}
console.log(failed ? 'e2e: 0 passed, 1 failed' : 'e2e: 1 passed, 0 failed')
process.exit(failed ? 1 : 0)
