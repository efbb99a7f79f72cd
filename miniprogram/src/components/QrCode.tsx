import { useMemo } from 'react'
import { Image } from '@tarojs/components'

import { qrDataUrl } from '../utils/kioskQr'

interface QrCodeProps {
  id: string
  /** What the code holds (an address). */
  text: string
  /** What it is for, for screen readers: 手机扫码查看排队进度. */
  label: string
  className?: string
}

/** A QR code drawn on the device as an SVG image: sharp on screen and on a thermal printer. */
export default function QrCode ({ id, text, label, className }: QrCodeProps) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return (
    <Image
      className={className}
      id={id}
      data-testid={id}
      data-text={text}
      src={src}
      mode='scaleToFill'
      aria-label={label}
      nativeProps={{ alt: label }}
    />
  )
}
