// Journey 4: rate a hall visit (好差评, 一次一评). The resident takes a number, a window clerk calls and
// serves it (through the API, as the clerk's screen would); the resident rates the visit 不满意 with a
// reason on the rating page. The 差评 opens a work order; the clerk answers it, and the resident's
// 回访 on the same page closes it.
import {
  api, DEMO, expect, idNumber, loginByApi, open, requireAccessible, settled, shot, staffToken, uniquePhone,
} from '../lib.mjs'
import { noToast } from '../steps/identity.mjs'

/** A ticket for `item` at its first hall, called and served to the end by a window of its line. */
async function servedVisit (resident, item) {
  const guide = await api(`/api/v1/items/${item}`)
  const hallId = guide.handled_at[0].hall_id
  const ticket = await api(`/api/v1/halls/${hallId}/tickets`, {
    method: 'POST', token: resident, body: { item_code: item }, headers: { 'Idempotency-Key': `rate-${Date.now()}` },
  })
  const token = await staffToken()
  const windows = await api(`/api/v1/windows?hall_id=${hallId}`, { token })
  const desk = windows.items.find((w) => w.categories.includes(ticket.category))
  expect(desk, `a window of hall ${hallId} serves line ${ticket.category}`)
  await api(`/api/v1/windows/${desk.id}/open`, { method: 'POST', token, body: {} })
  for (let i = 0; i < 20; i++) {
    const called = await api(`/api/v1/windows/${desk.id}/call-next`, { method: 'POST', token })
    expect(called.ticket, `call-next found ticket ${ticket.number} waiting`)
    if (called.ticket.id === ticket.id) break
    await api(`/api/v1/windows/${desk.id}/tickets/${called.ticket.id}/skip`, { method: 'POST', token })
  }
  await api(`/api/v1/windows/${desk.id}/tickets/${ticket.id}/start`, { method: 'POST', token })
  await api(`/api/v1/windows/${desk.id}/tickets/${ticket.id}/complete`, { method: 'POST', token, body: { outcome: 'done' } })
  return { ticket, staff: token }
}

export default async function ({ page }) {
  const login = await loginByApi(page, uniquePhone())
  // Ratings in the app are real-name only (L2), so every 差评 can be followed up.
  await api('/api/v1/me/real-name', { method: 'POST', token: login.access_token, body: { name: '周敏', id_number: idNumber(401) } })
  const { ticket, staff } = await servedVisit(login.access_token, DEMO.queueItem)

  // The page the ticket's 评价服务 button (and the reminder message) opens.
  await open(page, `/pages/rating/index?ticket=${ticket.id}`, 'rating')
  await page.waitForSelector('#rating-form')
  await page.waitForSelector(`#rating-subject:has-text("${ticket.number}")`)
  expect(await page.getAttribute('#rating-submit', 'class').then((c) => c.includes('pg-button--disabled')),
    'nothing can be sent before a level is chosen')
  await requireAccessible(page, 'rating form')

  // 不满意 asks what went wrong.
  await page.click('#rating-level-2')
  await page.waitForSelector('#rating-tags')
  await page.click('#rating-tag-0')
  await page.fill('#rating-comment', '等了很久才叫到号，希望多开几个窗口。')
  await page.waitForSelector('#rating-tag-0[aria-checked="true"]')
  await page.locator('#rating-form').evaluate((el) => el.scrollIntoView())
  await shot(page, 'rate-form')

  await page.click('#rating-submit')
  await page.waitForSelector('#rating-thanks')
  await page.waitForSelector('#rating-given[data-level="2"]')
  await noToast(page)
  await page.locator('#rating-subject').evaluate((el) => el.scrollIntoView())
  await shot(page, 'rate-thanks')

  // The 差评's work order: the clerk looks into it and answers; the resident's 回访 closes it.
  const mine = await api('/api/v1/evaluations', { token: login.access_token })
  const rating = mine.items.find((r) => r.ticket_id === ticket.id)
  expect(rating?.work_order?.id, `the 差评 opened a work order: ${JSON.stringify(rating)}`)
  const order = rating.work_order.id
  await api(`/api/v1/work-orders/${order}/verify`, { method: 'POST', token: staff, body: { text: '当天上午取号人数较多，等候约 40 分钟。' } })
  await api(`/api/v1/work-orders/${order}/explain`, { method: 'POST', token: staff, body: { text: '高峰时段已增开 2 个窗口。' } })
  await api(`/api/v1/work-orders/${order}/reply`, { method: 'POST', token: staff, body: { text: '感谢您的反馈，上午高峰时段我们已增开 2 个综合窗口，欢迎再来办事。' } })

  await open(page, `/pages/rating/index?work_order=${order}`, 'rating')
  await page.waitForSelector('#rating-work-order[data-status="replied"]')
  await page.waitForSelector('#rating-reply:has-text("增开")')
  await page.click('#revisit-level-3')
  await page.waitForSelector('#revisit-level-3[aria-checked="true"]')
  await page.locator('#rating-work-order').evaluate((el) => el.scrollIntoView())
  await shot(page, 'rate-revisit')
  await requireAccessible(page, 'revisit')
  await page.click('#revisit-submit')
  await page.waitForSelector('#rating-work-order[data-status="closed"]')
  await page.waitForSelector('#rating-revisit-given:has-text("满意")')
}
