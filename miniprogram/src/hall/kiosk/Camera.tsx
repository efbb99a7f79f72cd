import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'

const VIEW_ID = 'kiosk-camera-view'

interface Scanner {
  isScanning: boolean
  stop: () => Promise<void>
  clear: () => void
}

/**
 * The kiosk's camera reading an appointment QR code with html5-qrcode. The library is loaded only
 * when this shows (a dynamic import: its own chunk, never in the other pages). Browsers open cameras
 * only on https or localhost; a refused or missing camera says so and the scanner slot still works.
 */
export default function Camera ({ onCode }: { onCode: (text: string) => void }) {
  const [state, setState] = useState<'starting' | 'on' | 'failed'>('starting')
  const latest = useRef(onCode)
  latest.current = onCode

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    let scanner: Scanner | null = null
    let alive = true
    let done = false

    async function start (): Promise<void> {
      try {
        const { Html5Qrcode } = await import('html5-qrcode')
        if (!alive) return
        const reader = new Html5Qrcode(VIEW_ID, false)
        scanner = reader
        const size = Math.round(Math.min(window.innerWidth, window.innerHeight) * 0.45)
        await reader.start(
          { facingMode: 'user' }, // kiosks have one camera facing the visitor; any camera is taken if not
          { fps: 10, qrbox: { width: size, height: size } },
          (text) => {
            if (done) return
            done = true
            latest.current(text)
          },
          () => undefined, // no code in this frame
        )
        if (alive) setState('on')
        else await reader.stop()
      } catch {
        if (alive) setState('failed')
      }
    }

    start()
    return () => {
      alive = false
      const reader = scanner
      if (!reader) return
      const stopped = reader.isScanning ? reader.stop() : Promise.resolve()
      stopped.then(() => reader.clear(), () => undefined)
    }
  }, [])

  return (
    <View className='kiosk-camera' id='kiosk-camera' data-testid='kiosk-camera' data-state={state}>
      <View className={`kiosk-camera__view${state === 'failed' ? ' kiosk-camera__view--off' : ''}`} id={VIEW_ID} />
      {state === 'starting' ? <View className='kiosk-camera__note' role='status'>正在打开摄像头…</View> : null}
      {state === 'on' ? <View className='kiosk-camera__note' role='status'>请把手机上的预约二维码对准摄像头</View> : null}
      {state === 'failed' ? (
        <View className='kiosk-camera__note kiosk-camera__note--error' id='kiosk-camera-error' data-testid='kiosk-camera-error' role='alert'>
          无法打开摄像头。请把二维码对准本机的扫码器，或联系工作人员。
        </View>
      ) : null}
    </View>
  )
}
