// Journey 1: log in by SMS code, bind the real name and pass the (sandbox) face check, book a slot through the guide page (预约办理 ->
// hall -> date -> slot -> 确认预约) and see the check-in QR code; the booking is then in 我的预约.
import {
  DEMO, expect, idNumber, loginBySms, open, requireAccessible, settled, shot, uniquePhone,
} from '../lib.mjs'
import { verifyIdentity } from '../steps/identity.mjs'

const REFERENCE = /^[2-9A-HJ-NP-Z]{8}$/

export default async function ({ page }) {
  const phone = uniquePhone()
  await loginBySms(page, phone)
  await settled(page, 'me')
  await verifyIdentity(page, { name: '张三', idNumber: idNumber(101) })

  // The guide offers 预约办理 because the item takes appointments.
  await open(page, `/pages/item/index?code=${DEMO.bookableItem}`, 'guide')
  await page.click('#guide-book')
  await settled(page, 'book')

  // Three halls handle the item: choose the first, then the first slot with places left.
  await page.locator('[data-testid=book-hall]').first().click()
  const slot = page.locator('[data-testid=slot][data-state=open]').first()
  await slot.waitFor()
  const words = await slot.textContent()
  expect(/剩余 \d+ 个/.test(words ?? ''), `an open slot says how many places are left: ${words}`)
  const slotId = await slot.getAttribute('data-slot-id')
  await slot.click()
  await page.waitForSelector(`#book-summary[data-slot-id="${slotId}"]`)
  await page.locator('#book-picker-day-text').scrollIntoViewIfNeeded()
  await shot(page, 'book-slots')
  await requireAccessible(page, 'booking page')

  await page.click('#book-confirm')
  await settled(page, 'appointment')
  await page.waitForSelector('#appointment-booked')
  await page.waitForSelector('#appointment-head[data-status=booked]')
  const reference = (await page.textContent('#appointment-reference'))?.trim() ?? ''
  expect(REFERENCE.test(reference), `the appointment shows its reference: "${reference}"`)
  // The QR code is the API's image of the check-in token, loaded for real.
  await page.waitForFunction(() => {
    const image = document.querySelector('#appointment-qr img')
    return !!image && image.complete && image.naturalWidth > 0
  })
  await shot(page, 'book-confirmed-qr')
  await requireAccessible(page, 'appointment page')

  await open(page, '/sub/booking/appointments/index', 'appointments')
  await page.waitForSelector(`[data-testid=appointment-card][data-reference="${reference}"][data-status=booked]`)
  await shot(page, 'book-appointments')
  await requireAccessible(page, 'my appointments')
}
