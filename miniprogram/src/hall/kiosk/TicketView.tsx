import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'

import type { KioskTicket } from '../../api/kiosk'
import QrCode from '../../components/QrCode'
import { printedTicket } from '../../utils/kioskTicket'

interface TicketViewProps {
  ticket: KioskTicket
  hallName: string
  timeZone: string
  checkedIn: boolean
  /** Print once when the ticket shows (false with `?print=0`: no printer, or a test). */
  autoPrint: boolean
  onDone: () => void
}

function print (): void {
  if (process.env.TARO_ENV !== 'h5') return
  window.print()
}

/**
 * The ticket: on screen large, and on paper (the `.kiosk-print` block, `@media print` in index.css) for an
 * 80 mm thermal printer, black on white, with a QR code to follow it on a phone without logging in.
 */
export default function TicketView ({ ticket, hallName, timeZone, checkedIn, autoPrint, onDone }: TicketViewProps) {
  const shown = printedTicket(ticket, hallName, timeZone)
  const [printed, setPrinted] = useState(0)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !autoPrint) return
    // A moment for the QR image to be laid out; Chrome started with --kiosk-printing prints without a dialog.
    const timer = setTimeout(() => {
      print()
      setPrinted((n) => n + 1)
    }, 300)
    return () => clearTimeout(timer)
  }, [ticket.id, autoPrint])

  return (
    <View className='kiosk-ticket' id='kiosk-ticket' data-testid='kiosk-ticket' data-ticket-id={ticket.id} data-printed={printed}>
      <View className='kiosk-ticket__done kiosk-noprint' id='kiosk-ticket-message' data-testid='kiosk-ticket-message' role='status'>
        {checkedIn ? '签到成功，请取走号票' : '取号成功，请取走号票'}
      </View>
      <View className='kiosk-print' id='kiosk-print' data-testid='kiosk-print'>
        <Text className='kiosk-print__hall' id='kiosk-ticket-hall' data-testid='kiosk-ticket-hall'>{shown.hall}</Text>
        <Text className='kiosk-print__label'>您的号码</Text>
        <Text className='kiosk-print__number' id='kiosk-ticket-number' data-testid='kiosk-ticket-number'>{shown.number}</Text>
        <Text className='kiosk-print__line' id='kiosk-ticket-line' data-testid='kiosk-ticket-line'>{shown.line}</Text>
        {shown.priority ? (
          <Text className='kiosk-print__priority' id='kiosk-ticket-priority' data-testid='kiosk-ticket-priority'>{shown.priority}</Text>
        ) : null}
        {shown.ahead ? (
          <Text className='kiosk-print__ahead' id='kiosk-ticket-ahead' data-testid='kiosk-ticket-ahead' data-ahead={ticket.ahead ?? ''}>
            {shown.ahead}
          </Text>
        ) : null}
        <Text className='kiosk-print__time' id='kiosk-ticket-time' data-testid='kiosk-ticket-time'>取号时间 {shown.time}</Text>
        <View className='kiosk-print__follow'>
          <QrCode className='kiosk-print__qr' id='kiosk-ticket-qr' text={shown.followUrl} label='用手机扫码查看排队进度' />
          <Text className='kiosk-print__follow-text'>手机扫码，随时查看排队进度（当天有效）</Text>
        </View>
        <Text className='kiosk-print__note'>请留意叫号屏和语音叫号。过号请咨询工作人员。</Text>
      </View>
      <View className='kiosk-row kiosk-noprint'>
        <Button
          className='kiosk-btn kiosk-btn--secondary'
          id='kiosk-print-again'
          data-testid='kiosk-print-again'
          onClick={() => {
            print()
            setPrinted((n) => n + 1)
          }}
        >
          再打印一张
        </Button>
        <Button className='kiosk-btn kiosk-btn--primary' id='kiosk-done' data-testid='kiosk-done' onClick={onDone}>完成</Button>
      </View>
    </View>
  )
}
