// Journey 5: the home page in elderly mode (适老化): larger type (at least 18 CSS px body text), the
// most-used services first and fewer of them; both modes pass an axe-core scan.
import { expect, open, requireAccessible, settled, shot } from '../lib.mjs'

async function bodyFontPx (page) {
  return page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#home')).fontSize))
}

export default async function ({ page }) {
  await open(page, '/pages/home/index', 'home')
  await page.locator('[data-testid=home-shortcut]').first().waitFor()
  const normalShortcuts = await page.locator('[data-testid=home-shortcut]').count()
  await shot(page, 'home')
  await requireAccessible(page, 'normal')

  // Turned on from the home page itself: no login needed, kept on this device.
  await page.click('#home-elderly-toggle')
  await page.waitForSelector('#home[data-elderly="1"]')
  const size = await bodyFontPx(page)
  expect(size >= 18, `elderly body text is ${size}px, under 18px`)
  const elderlyShortcuts = await page.locator('[data-testid=home-shortcut]').count()
  expect(elderlyShortcuts > 0 && elderlyShortcuts < normalShortcuts,
    `elderly mode shows ${elderlyShortcuts} shortcuts, normal ${normalShortcuts}: expected fewer`)
  await page.locator('.taro__toast').waitFor({ state: 'hidden' }).catch(() => undefined)
  await shot(page, 'home-elderly')
  await requireAccessible(page, 'elderly')

  // It holds after a reload and on the next page.
  await page.reload()
  await settled(page, 'home')
  await page.waitForSelector('#home[data-elderly="1"]')
  await open(page, '/pages/items/index', 'items')
  await page.waitForSelector('#items[data-elderly="1"]')
}
