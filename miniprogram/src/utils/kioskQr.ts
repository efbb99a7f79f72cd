/**
 * QR codes drawn on the device (the printed ticket's "follow it on your phone"), as SVG: sharp at any
 * size on screen and on an 80 mm thermal printer. Pure: no @tarojs import.
 */
import qrcode from 'qrcode-generator'

/** Modules of white around the code, as the QR standard asks for. */
export const QR_MARGIN = 4

export interface QrMatrix {
  size: number
  isDark: (row: number, col: number) => boolean
}

/** The code's modules for `text` (the smallest version that fits, error correction M). */
export function qrMatrix (text: string): QrMatrix {
  const code = qrcode(0, 'M')
  code.addData(text, 'Byte')
  code.make()
  return { size: code.getModuleCount(), isDark: (row, col) => code.isDark(row, col) }
}

/** An SVG of the code: black squares on white, one path, `shape-rendering: crispEdges`. */
export function qrSvg (text: string): string {
  const matrix = qrMatrix(text)
  const full = matrix.size + QR_MARGIN * 2
  let path = ''
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.isDark(row, col)) path += `M${col + QR_MARGIN} ${row + QR_MARGIN}h1v1h-1z`
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
}

/** The SVG as an image address for <Image src>. */
export function qrDataUrl (text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(text))}`
}
