import { describe, expect, it } from 'vitest'

import { rateTicketUrl, takeTicketPageUrl, ticketPageUrl } from '../../src/utils/queueRoutes'

describe('queue page urls', () => {
  it('opens a ticket by id', () => {
    expect(ticketPageUrl(17)).toBe('/pages/ticket/index?id=17')
  })

  it('opens the take page for an item, a hall or both', () => {
    expect(takeTicketPageUrl()).toBe('/sub/queue/take/index')
    expect(takeTicketPageUrl({ item: '330100-GG-RS-001' })).toBe('/sub/queue/take/index?item=330100-GG-RS-001')
    expect(takeTicketPageUrl({ hall: 3 })).toBe('/sub/queue/take/index?hall=3')
    expect(takeTicketPageUrl({ item: 'a&b', hall: 3 })).toBe('/sub/queue/take/index?item=a%26b&hall=3')
    expect(takeTicketPageUrl({ item: null, hall: null })).toBe('/sub/queue/take/index')
  })

  it('rates a visit by its ticket', () => {
    expect(rateTicketUrl(5)).toBe('/pages/rating/index?ticket=5')
  })
})
