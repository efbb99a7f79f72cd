// Journey 3: apply online (在线申请) for an item with a form and uploads, then follow the case on 办件进度
// while a window clerk (through the API, as the clerk's screen would) accepts it and asks for a 补正;
// the resident corrects it in the UI and resubmits; the clerk approves; the timeline follows without
// reloading the page.
import {
  api, DEMO, expect, idNumber, loginByApi, open, requireAccessible, settled, shot, staffToken, uniquePhone,
} from '../lib.mjs'
import { noToast } from '../steps/identity.mjs'
import { confirmDialog, PDF, PNG, transition, uploadFor } from '../steps/apply.mjs'

/** The status and the newest timeline step the progress page shows. */
async function waitForStatus (page, status) {
  await page.waitForSelector(`#application-status[data-status="${status}"]`, { timeout: 25000 })
}

export default async function ({ page }) {
  const phone = uniquePhone()
  const login = await loginByApi(page, phone)
  // The item needs real name (L2); the identity journey shows the UI for it.
  await api('/api/v1/me/real-name', { method: 'POST', token: login.access_token, body: { name: '陈静', id_number: idNumber(301) } })

  // The form rendered from the item's definition.
  await open(page, `/sub/apply/form/index?item=${DEMO.onlineItem}`, 'apply')
  await page.waitForSelector('#apply-form')
  expect(Number(await page.getAttribute('#apply-form', 'data-fields')) > 0, 'the item has form fields')

  // Submitting an empty form lists everything still needed, uploads included, and sends nothing.
  await page.click('#apply-submit')
  await page.waitForSelector('#apply-problems')
  const problems = await page.locator('[data-testid=apply-problem-line]').allTextContents()
  expect(problems.some((line) => line.includes('幼儿姓名')) && problems.some((line) => line.includes('请上传')),
    `the summary names the fields and the uploads: ${problems.join(' | ')}`)

  // Instant checks as the resident types.
  await page.fill('#apply-input-child_id', '330106198001010')
  await page.waitForSelector('#apply-problem-child_id')
  await page.fill('#apply-input-child_id', idNumber(302))
  await page.waitForSelector('#apply-problem-child_id', { state: 'detached' })

  await page.fill('#apply-input-child_name', '陈小雨')
  await page.fill('#apply-input-guardian_phone', phone)
  await page.click('#apply-option-kindergarten-1')
  await page.fill('#apply-input-address', '云溪区文三路 88 号 2 幢 301 室')
  await page.click('#apply-check-promise')

  // 保存草稿 creates the draft; the uploads go to it.
  await page.click('#apply-save')
  await page.waitForSelector('#apply-notice')
  await uploadFor(page, 0, PNG)
  await uploadFor(page, 1, PDF)
  await page.waitForSelector('#apply-problems', { state: 'detached' })
  await noToast(page)
  await page.locator('#apply-head').evaluate((el) => el.scrollIntoView())
  await shot(page, 'apply-form')
  await page.locator('#apply-materials').evaluate((el) => el.scrollIntoView())
  await shot(page, 'apply-materials')
  await requireAccessible(page, 'apply form')

  await page.click('#apply-submit')
  await settled(page, 'application')
  await waitForStatus(page, 'received')
  const number = await page.getAttribute('#application-number', 'data-number')
  expect(/^\d{20}[\dX]$/.test(number ?? ''), `a 办件编号 is shown: ${number}`)
  const id = Number(new URL(page.url().replace('/#/', '/')).searchParams.get('id'))
  expect(id > 0, `the progress page is the application's: ${page.url()}`)

  // The clerk accepts it and asks for a 补正; the page follows by itself.
  await page.evaluate(() => { window.__applyJourney = true })
  const token = await staffToken()
  await transition(token, id, 'accept')
  await transition(token, id, 'request_correction', { items: ['居民户口簿照片不清晰，请重新拍照上传'], comment: '请拍户口簿首页和幼儿本人页' })
  await waitForStatus(page, 'correction')
  await page.waitForSelector('[data-testid=correction-item]:has-text("户口簿照片不清晰")')
  expect(await page.evaluate(() => window.__applyJourney === true), 'the page showed the 补正 without reloading')
  await noToast(page)
  await shot(page, 'apply-correction')
  await requireAccessible(page, 'progress page')

  // The resident replaces the file and resubmits.
  await page.click('#application-fix')
  await settled(page, 'apply')
  await page.waitForSelector('#apply-correction')
  await page.click('#apply-material-0 [id$="-remove"]')
  await confirmDialog(page)
  await page.waitForSelector('#apply-material-0[data-files="0"]')
  await uploadFor(page, 0, { ...PNG, name: '户口簿首页-重拍.png' })
  expect((await page.textContent('#apply-submit'))?.includes('重新提交'), 'the button says 重新提交')
  await page.click('#apply-submit')
  await settled(page, 'application')
  await waitForStatus(page, 'received')

  // Accepted again, handled and approved: the timeline shows each step, newest first.
  await page.evaluate(() => { window.__applyJourney = true })
  await transition(token, id, 'accept')
  await transition(token, id, 'start_processing')
  await transition(token, id, 'approve', { comment: '审核通过，请留意入园通知' })
  await waitForStatus(page, 'approved')
  expect(await page.evaluate(() => window.__applyJourney === true), 'the page followed the case without reloading')
  const titles = await page.locator('[data-testid=timeline-title]').allTextContents()
  for (const step of ['办结：通过', '开始办理', '补正后重新提交', '要求补正材料', '受理', '提交申请']) {
    expect(titles.includes(step), `the timeline shows ${step}: ${titles.join(' | ')}`)
  }
  expect(titles[0] === '办结：通过', `the newest step comes first: ${titles.join(' | ')}`)
  await page.waitForSelector('#application-rate')
  await noToast(page)
  await shot(page, 'apply-done')

  // 我的办件 lists it under 已办结.
  await open(page, '/sub/apply/applications/index', 'applications')
  await page.click('#applications-filter-done')
  await page.waitForSelector(`#application-${id}[data-status="approved"]`)
  await requireAccessible(page, 'my applications')
}
