// Journey 6 (the hall, issue 11): the kiosk takes a number -> the board's waiting count rises -> the
// staff console calls it -> the board shows the call within 2 s without a reload and fires the voice
// event -> staff complete it -> the evaluator pad's rating lands in the supervisor dashboard's numbers.
import {
  api, BASE_URL, expect, HALL, requireAccessible, shot, STAFF, staffToken, SUPERVISOR,
} from '../lib.mjs'

const CALL_SHOWN_WITHIN_MS = 2000
const pageErrors = []

async function screen (browser, width, height) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${width}x${height}: ${error.message}`))
  return page
}

async function waitingAt (board, line) {
  return Number(await board.locator(`#board-waiting-${line}`).getAttribute('data-waiting'))
}

async function login (page, prefix, account) {
  await page.fill(`#${prefix}-login-username input, input#${prefix}-login-username`, account.username)
  await page.fill(`#${prefix}-login-password input, input#${prefix}-login-password`, account.password)
  await page.click(`#${prefix}-login-submit`)
}

async function ratingsCount (dashboard) {
  return Number((await dashboard.locator('#stat-ratings-count').textContent()).replace(/\D/g, '') || 0)
}

export default async function ({ browser }) {
  // A window of the first hall that serves line A (the clerk sits there).
  const clerk = await staffToken()
  const windows = await api(`/api/v1/windows?hall_id=${HALL.id}`, { token: clerk })
  const desk = windows.items.find((w) => JSON.stringify(w.categories).includes('"A"')) ?? windows.items[0]
  expect(desk, 'the hall has a window')

  // The display board, as a TV in the hall (1920×1080), opened by its short address.
  const board = await screen(browser, 1920, 1080)
  await board.goto(`${BASE_URL}/hall/board?hall=${HALL.id}`)
  await board.waitForSelector('#hall-board[data-link="live"]')
  await board.evaluate(() => {
    window.__sameBoard = true // gone if the page reloads
    window.__announced = []
    window.addEventListener('palmgov:announce', (event) => window.__announced.push(event.detail))
  })
  const before = await waitingAt(board, 'A')

  // The supervisor's dashboard, open before anything happens today.
  const dashboard = await screen(browser, 1366, 900)
  await dashboard.goto(`${BASE_URL}/hall/supervisor`)
  await login(dashboard, 'supervisor', SUPERVISOR)
  await dashboard.waitForSelector('#stat-ratings-count')
  // By hall: a walk-in ticket taken without naming an item counts for its hall, not a department.
  await Promise.all([
    dashboard.waitForResponse((r) => r.url().includes('/api/v1/stats/overview') && r.url().includes('by=hall')),
    dashboard.click('#stats-by-hall'),
  ])
  await dashboard.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
  const ratingsBefore = await ratingsCount(dashboard)

  // The kiosk (1080×1920 portrait): set up once with its device token, then a walk-in takes a number.
  const kiosk = await screen(browser, 1080, 1920)
  await kiosk.goto(`${BASE_URL}/hall/kiosk?print=0`)
  await kiosk.fill('#kiosk-setup-token input, input#kiosk-setup-token', HALL.kioskToken)
  await kiosk.click('#kiosk-setup-save')
  await kiosk.waitForSelector('#kiosk-home')
  await shot(kiosk, 'hall-kiosk')
  await requireAccessible(kiosk, 'kiosk')
  await kiosk.click('#kiosk-line-A')
  await kiosk.click('#kiosk-item-any')
  await kiosk.click('#kiosk-no-id')
  await kiosk.waitForSelector('#kiosk-ticket')
  const number = (await kiosk.locator('#kiosk-ticket-number').textContent()).trim()
  const ticketId = Number(await kiosk.locator('#kiosk-ticket').getAttribute('data-ticket-id'))
  expect(/^A\d{3}$/.test(number), `a ticket number of line A: ${number}`)
  await shot(kiosk, 'hall-kiosk-ticket')

  // The board counts one more waiting, live.
  await board.waitForFunction((n) => Number(document.querySelector('#board-waiting-A')?.getAttribute('data-waiting')) > n, before)

  // The clerk at the console opens the window and calls the next number.
  const console_ = await screen(browser, 1366, 900)
  await console_.goto(`${BASE_URL}/hall/staff`)
  await login(console_, 'staff', STAFF)
  await console_.click(`#staff-hall-${HALL.id}`)
  await console_.click(`#staff-window-${desk.id}`)
  await console_.waitForSelector(`#staff-desk[data-window-id="${desk.id}"]`)
  // Another journey may have opened this window today already.
  await console_.waitForSelector('#staff-window-state')
  if (await console_.locator('#staff-window-state[data-status="open"]').count() === 0) {
    await console_.click('#staff-window-open')
    await console_.waitForSelector('#staff-window-state[data-status="open"]')
  }
  const calledAt = Date.now()
  await console_.click('#staff-action-call')
  await console_.waitForFunction((n) => document.querySelector('#staff-current-number')?.textContent?.includes(n), number)

  // The board shows it within 2 s, without reloading, and announces it.
  await board.waitForFunction(
    (n) => document.querySelector('#hall-board')?.getAttribute('data-last-announced')?.includes(n),
    number, { timeout: CALL_SHOWN_WITHIN_MS },
  )
  const shownAfter = Date.now() - calledAt
  expect(shownAfter <= CALL_SHOWN_WITHIN_MS, `the call reached the board after ${shownAfter} ms`)
  expect(await board.evaluate(() => window.__sameBoard === true), 'the board reloaded')
  const announced = await board.evaluate(() => window.__announced)
  expect(announced.some((a) => String(a.number).includes(number)), `no voice event for ${number}: ${JSON.stringify(announced)}`)
  expect((await board.locator('#board-hero-number').textContent()).includes(number), 'the called number is the big one')
  await shot(board, 'hall-board')
  await requireAccessible(board, 'board')
  await shot(console_, 'hall-staff')
  await requireAccessible(console_, 'staff console')

  // The clerk serves and completes it.
  await console_.click('#staff-action-start')
  await console_.waitForSelector('#staff-current-status[data-status="serving"]')
  await console_.click('#staff-action-complete')
  await console_.click('#staff-outcome-done')
  await console_.click('#staff-complete-submit')
  await console_.waitForFunction(() => Number(document.querySelector('#staff-today-served')?.textContent?.replace(/\D/g, '')) >= 1)

  // The resident rates the visit on the evaluator pad at the window.
  await api('/api/v1/devices/evaluations', {
    method: 'POST', headers: { 'X-Device-Token': HALL.evaluatorToken }, body: { ticket_id: ticketId, level: 5 },
  })

  // The supervisor's numbers take it in.
  await dashboard.click('#stats-submit')
  await dashboard.waitForFunction(
    (n) => Number(document.querySelector('#stat-ratings-count')?.textContent?.replace(/\D/g, '')) === n + 1, ratingsBefore,
  )
  await shot(dashboard, 'hall-supervisor')
  await requireAccessible(dashboard, 'supervisor dashboard')
  expect(pageErrors.length === 0, `the screens threw: ${pageErrors.join('; ')}`)
}
