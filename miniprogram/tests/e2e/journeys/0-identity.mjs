// Journey 0: identity. Log in by SMS, reach L3 (consent, name + ID, sandbox face), then 家人代办
// both ways with a second resident (driven through the API), act for them, and the settings page
// (elderly mode saved to the account, notification channel).
import {
  api, expect, idNumber, loginBySms, open, requireAccessible, settled, shot, uniquePhone, waitFor,
} from '../lib.mjs'
import { faceTicketByApi, noToast, residentByApi, verifyIdentity } from '../steps/identity.mjs'

async function tokenOf (page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('palmgov.tokens')).data.access_token)
}

export default async function ({ page }) {
  const phone = uniquePhone()
  await loginBySms(page, phone)
  await settled(page, 'me')
  await page.waitForSelector('#me-level[data-level="1"]')

  await verifyIdentity(page, { name: '王小明', idNumber: idNumber(1) })
  await page.click('#realname-continue')
  await settled(page, 'me')
  await page.waitForSelector('#me-level[data-level="3"]')
  expect(await page.locator('#me-verify').count() === 0, 'L3 still offers a verification button')
  await noToast(page)
  await shot(page, 'identity-me')
  await requireAccessible(page, 'me')

  // A relative, through the API: real name bound (L2).
  const relativePhone = uniquePhone()
  expect(relativePhone !== phone, 'two journeys residents share a phone')
  const relative = await residentByApi(relativePhone, { name: '王建国', idNumber: idNumber(2) })

  // I invite the relative (they are my parent) in the UI; they accept through the API with a face check.
  await open(page, '/sub/identity/family/index', 'family')
  await page.waitForSelector('#family-grants')
  await page.fill('#invite-phone', relativePhone)
  await page.click('#invite-relation-parent')
  await page.click('#invite-submit')
  await page.waitForSelector('#invite-notice')
  await page.waitForSelector('[data-testid=grant][data-role=grantee][data-status=pending]')
  const ticket = await faceTicketByApi(relative.token, 'proxy_accept')
  const invitation = (await api('/api/v1/proxies', { token: relative.token })).items.find((g) => g.status === 'pending')
  await api(`/api/v1/proxies/${invitation.id}/accept`, { method: 'POST', body: { face_ticket: ticket }, token: relative.token })

  // The relative invites me in turn; I accept in the UI with the sandbox face check.
  await api('/api/v1/proxies', { method: 'POST', body: { grantor_phone: phone, relation: 'child' }, token: relative.token })
  await open(page, '/sub/identity/family/index', 'family')
  await page.waitForSelector('#family-invitations [data-testid=grant-accept]')
  await page.waitForSelector('#family-act-for [data-testid=grant-act]')
  await page.click('#family-invitations [data-testid=grant-accept]')
  await settled(page, 'face-sandbox')
  await page.click('#sandbox-pass')
  await settled(page, 'family')
  await page.waitForSelector('#family-accepted')
  await page.waitForSelector('#family-acting-for-me [data-testid=grant][data-status=active]')
  await shot(page, 'identity-family')
  await requireAccessible(page, 'family')

  // 为TA办事: the home page says for whom, on every page until stopped.
  await page.click('#family-act-for [data-testid=grant-act]')
  await settled(page, 'home')
  const banner = await page.locator('#acting-banner').textContent()
  expect(banner.includes('王'), `the acting banner names no one: ${banner}`)
  await page.click('#acting-stop')
  await page.waitForSelector('#acting-banner', { state: 'detached' })

  // Settings: elderly mode goes to the account; SMS only for notifications.
  await open(page, '/sub/identity/settings/index', 'settings')
  await page.waitForSelector('#notify-settings[data-channel="auto"]')
  await page.click('#elderly-mode-elderly')
  await page.waitForSelector('#settings[data-elderly="1"]')
  await page.waitForSelector('#elderly-notice:has-text("已保存")')
  const token = await tokenOf(page)
  await waitFor(async () => expect((await api('/api/v1/me', { token })).elderly_mode === true, 'elderly mode not saved'))
  await page.click('#notify-channel-sms')
  await page.waitForSelector('#notify-settings[data-channel="sms"]')
  expect((await api('/api/v1/me/notification-settings', { token })).channel === 'sms', 'channel not saved')
  await page.waitForSelector('[data-testid=session-item][data-current=true]')
  await shot(page, 'identity-settings')
  await requireAccessible(page, 'settings')

  // The login page in elderly mode (its disabled buttons included) passes the scan too.
  await open(page, '/pages/login/index', 'login')
  await page.waitForSelector('#login[data-elderly="1"]')
  await requireAccessible(page, 'login')
}
