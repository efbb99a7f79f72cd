// What every browser journey shares: the browser, the server, screenshots, the API as staff and
// residents see it, and the accessibility scan. Journeys are run by run.mjs (see tests/e2e/ in the
// repository root for the server they run against).
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'

import { chromium } from 'playwright-core'

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:5000'
const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? ''
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'
export const STAFF = {
  username: process.env.E2E_STAFF_USERNAME ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
}
export const SUPERVISOR = {
  username: process.env.E2E_SUPERVISOR_USERNAME ?? '',
  password: process.env.E2E_SUPERVISOR_PASSWORD ?? '',
}
/** The first demo hall and its devices (tests/e2e/prepare.py): a kiosk, a display board, an evaluator pad. */
export const HALL = {
  id: Number(process.env.E2E_HALL_ID ?? 1),
  kioskToken: process.env.E2E_KIOSK_TOKEN ?? '',
  displayToken: process.env.E2E_DISPLAY_TOKEN ?? '',
  evaluatorToken: process.env.E2E_EVALUATOR_TOKEN ?? '',
}
// The demo catalog (app/catalog_data/demo_city.json).
export const DEMO = {
  /** 社会保障卡补换: takes appointments (needs real name, L2) at halls H1, H2 and H3. */
  bookableItem: '330100-GG-RS-002',
  /** 失业登记: needs only a verified phone (L1); queue line A at H1 and H2. */
  queueItem: '330100-GG-RS-004',
  /** 公办幼儿园新生入园报名: applied for online with a form (L2). */
  onlineItem: '330106-GG-JY-001',
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

/** A phone number no other journey uses (each journey gets its own resident and SMS limits). */
export function uniquePhone () {
  const tail = String(Date.now() % 100000000).padStart(8, '0')
  return `139${tail}`
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** A valid resident ID number (GB 11643) of Yunxi district, born 1980-01-01, unique per `serial` (0-999). */
export function idNumber (serial) {
  const body = `33010619800101${String(serial).padStart(3, '0')}`
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i], 0)
  return body + ID_CHECK[sum % 11]
}

export async function launch () {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.text())) console.log('[browser]', message.text())
    if (/Content Security Policy/.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  return { browser, context, page, problems }
}

/** Opens an app page by its route (`/pages/home/index?x=1`) and waits for its root element. */
export async function open (page, route, rootId) {
  await page.goto(`${BASE_URL}/#${route}`)
  if (rootId) await settled(page, rootId)
}

/** Waits for a page's root to be shown and done sliding in (Taro H5 animates page changes). */
export async function settled (page, rootId) {
  const root = page.locator(`#${rootId}`).last()
  await root.waitFor({ state: 'visible' })
  await page.waitForFunction((id) => {
    const all = document.querySelectorAll(`#${id}`)
    const el = all[all.length - 1]
    return !!el && Math.abs(el.getBoundingClientRect().left) < 1
  }, rootId)
  return root
}

/** Saves docs/screenshots/<name>.png (when the runner set a folder). */
export async function shot (page, name) {
  if (!SCREENSHOTS) return
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.waitForTimeout(300) // let fonts and transitions finish
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** A JSON call to the API; throws with the error body on a non-2xx answer. */
export async function api (path, { method = 'GET', body, token, headers = {} } = {}) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      'Accept-Language': 'zh',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const data = text ? JSON.parse(text) : undefined
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`)
  return data
}

/** The SMS code the sandbox "sent" to a phone (newest first). */
export async function smsCode (phone) {
  const inbox = await api('/api/v1/_sandbox/sms-inbox', { method: 'POST', body: { phone } })
  const text = JSON.stringify(inbox)
  const match = text.match(/\b(\d{6})\b/)
  if (!match) throw new Error(`no code in the sandbox inbox of ${phone}: ${text}`)
  return match[1]
}

/** A staff access token for the window clerk the server was prepared with. */
export async function staffToken () {
  const login = await api('/api/v1/staff/sessions', { method: 'POST', body: { ...STAFF } })
  return login.access_token
}

/** Logs a resident in through the login page, as a person would: phone, 获取验证码, the code, 登录. */
export async function loginBySms (page, phone) {
  await open(page, '/pages/login/index', 'login')
  await page.fill('#login-phone', phone)
  await page.click('#login-send-code')
  await page.waitForFunction(() => !document.querySelector('#login-error'))
  const code = await waitFor(() => smsCode(phone))
  await page.fill('#login-code', code)
  await page.click('#login-submit')
}

/** Logs a resident in through the API and hands the tokens to the page's storage (no UI). */
export async function loginByApi (page, phone) {
  await api('/api/v1/auth/sms-codes', { method: 'POST', body: { phone, purpose: 'login' } })
  const code = await smsCode(phone)
  const login = await api('/api/v1/auth/sessions', { method: 'POST', body: { method: 'sms', phone, code } })
  await page.goto(`${BASE_URL}/`)
  await page.evaluate((tokens) => localStorage.setItem('palmgov.tokens', JSON.stringify({ data: tokens })), {
    access_token: login.access_token, refresh_token: login.refresh_token,
  })
  return login
}

/** Retries `fn` until it resolves (a code not yet in the inbox, a state not yet reached). */
export async function waitFor (fn, { timeout = 10000, interval = 250 } = {}) {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await fn()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, interval))
    }
  }
}

/** axe-core on the page as shown: the serious and critical violations (an empty list passes). */
export async function accessibilityProblems (page) {
  const require = createRequire(import.meta.url)
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source) // not a <script> tag: the page's CSP (rightly) refuses inline scripts
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const run = await axe.run(document, { resultTypes: ['violations'] })
    return run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Fails the journey on any serious or critical axe-core violation of the page as shown. */
export async function requireAccessible (page, where) {
  const problems = await accessibilityProblems(page)
  expect(problems.length === 0, `axe (${where}): ${JSON.stringify(problems)}`)
}

export function expect (condition, message) {
  if (!condition) throw new Error(message)
}
