import { describe, expect, it } from 'vitest'

import { countText, hasMore } from '../../src/api/paging'

const full = Array.from({ length: 20 }, (_, index) => index)

describe('hasMore', () => {
  it('reads an exact total', () => {
    expect(hasMore({ items: full, page: 1, page_size: 20, total: 36, total_capped: false })).toBe(true)
    expect(hasMore({ items: full.slice(16), page: 2, page_size: 20, total: 36, total_capped: false })).toBe(false)
    expect(hasMore({ items: full, page: 1, page_size: 20, total: 20, total_capped: false })).toBe(false)
    expect(hasMore({ items: [], page: 1, page_size: 20, total: 0, total_capped: false })).toBe(false)
  })

  it('goes on past a capped total while pages are full', () => {
    expect(hasMore({ items: full, page: 50, page_size: 20, total: 1000, total_capped: true })).toBe(true)
    expect(hasMore({ items: full, page: 80, page_size: 20, total: 1000, total_capped: true })).toBe(true)
    expect(hasMore({ items: full.slice(5), page: 81, page_size: 20, total: 1000, total_capped: true })).toBe(false)
  })
})

describe('countText', () => {
  it('says 1000+ when the count stopped at its limit', () => {
    expect(countText({ total: 1000, total_capped: true })).toBe('1000+')
    expect(countText({ total: 36, total_capped: false })).toBe('36')
  })
})
