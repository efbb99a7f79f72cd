import { describe, expect, it } from 'vitest'

import { QR_MARGIN, qrDataUrl, qrMatrix, qrSvg } from '../../src/utils/kioskQr'

const URL = 'https://gov.example/#/pages/ticket/index?t=WzEyLDE3OTU0NTYwMDBd.abcdefghijklmnopqrstuvwxyz0123456789ABCD'

describe('QR codes as SVG', () => {
  it('draws every dark module once, inside a white margin', () => {
    const matrix = qrMatrix(URL)
    expect(matrix.size % 4).toBe(1) // 21, 25, 29…: 17 + 4 × version
    let dark = 0
    for (let r = 0; r < matrix.size; r++) for (let c = 0; c < matrix.size; c++) if (matrix.isDark(r, c)) dark++
    const svg = qrSvg(URL)
    expect(svg.match(/h1v1h-1z/g)?.length).toBe(dark)
    const full = matrix.size + QR_MARGIN * 2
    expect(svg).toContain(`viewBox="0 0 ${full} ${full}"`)
    // The finder pattern's corner sits right inside the margin.
    expect(matrix.isDark(0, 0)).toBe(true)
    expect(svg).toContain(`M${QR_MARGIN} ${QR_MARGIN}h1v1h-1z`)
  })

  it('grows with the text and differs for different texts', () => {
    expect(qrMatrix('A1').size).toBeLessThan(qrMatrix(URL).size)
    expect(qrSvg(`${URL}x`)).not.toBe(qrSvg(URL))
  })

  it('is an image address', () => {
    expect(qrDataUrl('A1').startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true)
  })
})
