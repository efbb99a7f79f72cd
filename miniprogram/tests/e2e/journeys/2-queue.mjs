// Journey 2: take a number remotely (取号) for an item, follow it on 我的排队号 and in 我的排队, and see
// "请到N号窗口" appear without reloading when a window clerk calls it (through the API, as the clerk's
// screen would); once served, the page offers 评价服务.
import {
  api, DEMO, expect, loginByApi, open, requireAccessible, settled, shot, staffToken, uniquePhone,
} from '../lib.mjs'

export default async function ({ page }) {
  const login = await loginByApi(page, uniquePhone())

  // The take page the guide's 现场取号 opens: the item's halls, the first open one chosen.
  await open(page, `/sub/queue/take/index?item=${DEMO.queueItem}`, 'take')
  const hall = page.locator('[data-testid=take-hall][data-chosen=true]')
  await hall.waitFor()
  const hallId = Number(await hall.getAttribute('data-hall-id'))
  expect(await hall.getAttribute('data-open-now') === 'true', 'the chosen hall is open now')
  await page.waitForSelector('#take-summary')
  await shot(page, 'queue-take')
  await requireAccessible(page, 'take page')

  await page.click('#take-submit')
  await settled(page, 'ticket')
  const card = page.locator('#ticket-card[data-status=waiting]')
  await card.waitFor()
  const ticketId = Number(await card.getAttribute('data-ticket-id'))
  const number = (await page.textContent('#ticket-number'))?.trim() ?? ''
  expect(/^[A-Z]\d{3}$/.test(number), `the ticket page shows the number: "${number}"`)
  const ahead = await page.textContent('#ticket-ahead')
  expect(/前面/.test(ahead ?? ''), `the ticket page says how many are ahead: "${ahead}"`)
  await page.waitForFunction(() => (document.querySelector('#ticket-hall')?.textContent ?? '—') !== '—')
  await shot(page, 'queue-ticket')
  await requireAccessible(page, 'ticket page')

  // 我的排队 lists it; back on the ticket page, it follows the ticket again.
  await page.click('#ticket-list')
  await settled(page, 'tickets')
  await page.waitForSelector(`#ticket-${ticketId}[data-status=waiting]`)
  await page.goBack()
  await settled(page, 'ticket')

  // The clerk opens a window serving the ticket's line and calls next until it is this ticket.
  const ticket = await api(`/api/v1/tickets/${ticketId}`, { token: login.access_token })
  const token = await staffToken()
  const windows = await api(`/api/v1/windows?hall_id=${hallId}`, { token })
  const serving = windows.items.filter((w) => w.categories.includes(ticket.category))
  expect(serving.length > 0, `a window of hall ${hallId} serves line ${ticket.category}`)
  const desk = serving[serving.length - 1]
  await api(`/api/v1/windows/${desk.id}/open`, { method: 'POST', token, body: {} })
  // No reload from here on: a marker on the page would be lost by one.
  await page.evaluate(() => { window.__queueJourney = true })
  let called = null
  for (let i = 0; i < 20 && called?.ticket?.id !== ticketId; i++) {
    called = await api(`/api/v1/windows/${desk.id}/call-next`, { method: 'POST', token })
    expect(called.ticket, `call-next found ticket ${number} waiting`)
    if (called.ticket.id !== ticketId) {
      await api(`/api/v1/windows/${desk.id}/tickets/${called.ticket.id}/skip`, { method: 'POST', token })
    }
  }
  expect(called?.ticket?.id === ticketId, `the clerk called ${number}`)

  const expected = `请到${Number(desk.number)}号窗口`
  await page.waitForSelector(`#ticket-called-text:text-is("${expected}")`, { timeout: 20000 })
  expect(await page.evaluate(() => window.__queueJourney === true), 'the page showed the call without reloading')
  await page.waitForSelector('#ticket-card[data-status=called]')
  await shot(page, 'queue-called')

  // Served and finished at the window: the page moves on by itself and offers the rating.
  await api(`/api/v1/windows/${desk.id}/tickets/${ticketId}/start`, { method: 'POST', token })
  await api(`/api/v1/windows/${desk.id}/tickets/${ticketId}/complete`, { method: 'POST', token, body: { outcome: 'done' } })
  await page.waitForSelector('#ticket-rate', { timeout: 20000 })
  expect(await page.evaluate(() => window.__queueJourney === true), 'the page followed the visit without reloading')
}
