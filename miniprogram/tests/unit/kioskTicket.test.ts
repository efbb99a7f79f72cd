import { describe, expect, it } from 'vitest'

import type { KioskTicket } from '../../src/api/kiosk'
import { hallDateTime, printedTicket } from '../../src/utils/kioskTicket'

const TICKET: KioskTicket = {
  id: 9, number: 'A004', status: 'waiting', priority: 'green', hall_id: 1, category: 'A', category_name: '社保医保',
  day: '2026-11-23', queued_at: '2026-11-23T02:05:00+00:00', ahead: 3, window: null, wait: null,
  follow_url: 'http://gov.example/#/pages/ticket/index?t=abc',
}

describe('the printed ticket', () => {
  it('has the number, hall, line, people ahead, hall time, priority and the QR link', () => {
    expect(printedTicket(TICKET, '市民中心', 'Asia/Shanghai')).toEqual({
      number: 'A004', hall: '市民中心', line: '社保医保（A）', ahead: '前面还有 3 人', time: '2026-11-23 10:05',
      priority: '绿色通道', followUrl: 'http://gov.example/#/pages/ticket/index?t=abc',
    })
  })

  it('says nothing about people ahead once the ticket is not waiting', () => {
    expect(printedTicket({ ...TICKET, status: 'called', ahead: null, priority: 'normal' }, '市民中心', 'Asia/Shanghai'))
      .toMatchObject({ ahead: '', priority: '' })
  })

  it('formats in the hall timezone, and nothing for an unreadable time', () => {
    expect(hallDateTime('2026-11-23T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-24 00:30')
    expect(hallDateTime('2026-11-23T16:30:00Z', 'UTC')).toBe('2026-11-23 16:30')
    expect(hallDateTime('not a time', 'Asia/Shanghai')).toBe('')
  })
})
