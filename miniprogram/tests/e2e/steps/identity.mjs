// Identity steps other journeys reuse: reach L3 through the real-name page as a resident would.
import { api, open, settled, shot, smsCode, waitFor } from '../lib.mjs'

/** Waits until no Taro toast covers the page (a screenshot must show the content). */
export async function noToast (page) {
  await page.locator('.taro__toast').waitFor({ state: 'hidden' }).catch(() => undefined)
}

/**
 * From a logged-in state (L1): 实名认证 -> consent -> name + ID -> the sandbox face page (通过)
 * -> back on the real-name page showing L3. Leaves the browser on the real-name page.
 * Screenshots: identity-realname (the filled form), identity-face (the sandbox face page).
 */
export async function verifyIdentity (page, { name, idNumber }) {
  await open(page, '/sub/identity/real-name/index', 'real-name')
  await page.waitForSelector('#realname-flow[data-step="consent"]')
  await page.click('#consent-agree')

  await page.waitForSelector('#realname-flow[data-step="identity"]')
  await page.fill('#realname-name', name)
  await page.fill('#realname-id', idNumber)
  await page.waitForSelector('#realname-submit:not(.pg-button--disabled)')
  await shot(page, 'identity-realname')
  await page.click('#realname-submit')

  await page.waitForSelector('#realname-flow[data-step="face"]')
  await page.click('#face-start')
  await settled(page, 'face-sandbox')
  await noToast(page)
  await shot(page, 'identity-face')
  await page.click('#sandbox-pass')

  await settled(page, 'real-name')
  await page.waitForSelector('#realname-level[data-level="3"]')
}

/** A resident made through the API only (another person in a journey): logged in, real name bound. */
export async function residentByApi (phone, { name, idNumber }) {
  await api('/api/v1/auth/sms-codes', { method: 'POST', body: { phone, purpose: 'login' } })
  const code = await waitFor(() => smsCode(phone))
  const login = await api('/api/v1/auth/sessions', { method: 'POST', body: { method: 'sms', phone, code } })
  const token = login.access_token
  await api('/api/v1/me/real-name', { method: 'POST', body: { name, id_number: idNumber }, token })
  return { token, id: login.resident.id }
}

/** A passed sandbox face check through the API (consent, start, 通过, complete): its single-use ticket. */
export async function faceTicketByApi (token, purpose) {
  const consent = await api('/api/v1/consents/face')
  await api('/api/v1/me/consents', { method: 'POST', body: { kind: 'face', version: consent.version }, token })
  const started = await api('/api/v1/face-verifications', { method: 'POST', body: { purpose }, token })
  await api(`/api/v1/_sandbox/face/${started.client_payload.sandbox_ref}`, { method: 'POST', body: { result: 'passed' } })
  const done = await api(`/api/v1/face-verifications/${started.id}/complete`, { method: 'POST', token })
  return done.face_ticket
}
