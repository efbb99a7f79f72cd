// Apply steps: the files a resident uploads, picked through the page's own file dialog, and the
// Taro confirm dialog.
import { api } from '../lib.mjs'

/** A 1×1 PNG (complete, IEND included): what the server accepts as an image. */
export const PNG = {
  name: '户口簿首页.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
}

/** A one-page PDF that ends with %%EOF, as the server checks. */
export const PDF = {
  name: '出生医学证明.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from([
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n')),
}

/**
 * Uploads `file` for the material line at `index` of the apply page through its 选择照片或 PDF
 * button (the H5 file dialog), and waits until the line counts `files` files.
 */
export async function uploadFor (page, index, file, files = 1) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.click(`#apply-material-${index}-file`),
  ])
  await chooser.setFiles(file)
  await page.waitForSelector(`#apply-material-${index}[data-files="${files}"]`)
}

/** Answers the Taro confirm dialog (Taro.showModal on H5) with its confirm button. */
export async function confirmDialog (page) {
  const button = page.locator('.taro__modal .taro-model__confirm')
  await button.waitFor({ state: 'visible' })
  await button.click()
  await button.waitFor({ state: 'hidden' })
}

/** One step of the 办件 lifecycle, taken by the window clerk through the API (docs/applications.md). */
export function transition (token, id, action, fields = {}) {
  return api(`/api/v1/applications/${id}/transitions`, { method: 'POST', token, body: { action, ...fields } })
}
