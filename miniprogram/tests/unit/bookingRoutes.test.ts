import { describe, expect, it } from 'vitest'

import { appointmentPageUrl, appointmentsPageUrl, bookPageUrl, itemActions, readReference } from '../../src/utils/bookingRoutes'
import { safeAppPath } from '../../src/utils/identityRoutes'

describe('page URLs', () => {
  it('builds the booking pages with their parameters', () => {
    expect(bookPageUrl('330100-GG-RS-001')).toBe('/sub/booking/book/index?item=330100-GG-RS-001')
    expect(bookPageUrl('A B', 3)).toBe('/sub/booking/book/index?item=A%20B&hall=3')
    expect(appointmentPageUrl({ id: 12, booked: true })).toBe('/pages/appointment/index?id=12&booked=1')
    expect(appointmentPageUrl({ ref: 'Y7K3M9Q2' })).toBe('/pages/appointment/index?ref=Y7K3M9Q2')
  })

  it('gives pages the identity pages accept as where to come back to', () => {
    expect(safeAppPath(encodeURIComponent(bookPageUrl('X', 2)))).toBe('/sub/booking/book/index?item=X&hall=2')
    expect(safeAppPath(encodeURIComponent(appointmentPageUrl({ ref: 'Y7K3M9Q2' })))).toBe('/pages/appointment/index?ref=Y7K3M9Q2')
    expect(safeAppPath(appointmentsPageUrl())).toBe('/sub/booking/appointments/index')
  })

  it('reads a reference in either case, and refuses what cannot be one', () => {
    expect(readReference(' y7k3m9q2 ')).toBe('Y7K3M9Q2')
    expect(readReference('Y7K3M9Q')).toBeNull()
    expect(readReference('Y7K3M9Q0')).toBeNull() // no 0, O, 1 or I
    expect(readReference('')).toBeNull()
  })
})

describe('itemActions', () => {
  const handled = [{ hall_id: 1 }, { hall_id: 1 }]

  it('offers only what the item allows, online first', () => {
    const actions = itemActions({ code: 'X', appointment: true, online: true, handled_at: handled })
    expect(actions.map((a) => [a.key, a.label, a.url])).toEqual([
      ['apply', '在线申请', '/sub/apply/form/index?item=X'],
      ['book', '预约办理', '/sub/booking/book/index?item=X&hall=1'],
      ['take', '现场取号', '/sub/queue/take/index?item=X&hall=1'],
    ])
  })

  it('leaves the hall open when several handle the item', () => {
    const actions = itemActions({ code: 'X', appointment: true, online: false, handled_at: [{ hall_id: 1 }, { hall_id: 2 }] })
    expect(actions.map((a) => a.url)).toEqual(['/sub/booking/book/index?item=X', '/sub/queue/take/index?item=X'])
  })

  it('has nowhere to book or queue without a hall', () => {
    expect(itemActions({ code: 'X', appointment: true, online: true, handled_at: [] }).map((a) => a.key)).toEqual(['apply'])
    expect(itemActions({ code: 'X', appointment: false, online: false, handled_at: [] })).toEqual([])
    expect(itemActions({ code: 'X', appointment: false, online: false, handled_at: handled }).map((a) => a.key)).toEqual(['take'])
  })
})
