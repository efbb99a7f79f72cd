import { describe, expect, it } from 'vitest'

import { hallsPageUrl, itemPageUrl, itemsPageUrl, readIdParam, readParam } from '../../src/utils/routes'

describe('page urls', () => {
  it('opens the search page with a query, a theme or the box focused', () => {
    expect(itemsPageUrl()).toBe('/pages/items/index')
    expect(itemsPageUrl({ q: '社保卡' })).toBe('/pages/items/index?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1')
    expect(itemsPageUrl({ theme: '出入境' })).toBe('/pages/items/index?theme=%E5%87%BA%E5%85%A5%E5%A2%83')
    expect(itemsPageUrl({ focus: true })).toBe('/pages/items/index?focus=1')
    expect(itemsPageUrl({ focus: false })).toBe('/pages/items/index')
  })

  it('opens a guide by code and a hall by id', () => {
    expect(itemPageUrl('330100-GG-RS-001')).toBe('/pages/item/index?code=330100-GG-RS-001')
    expect(itemPageUrl('a&b')).toBe('/pages/item/index?code=a%26b')
    expect(hallsPageUrl()).toBe('/pages/halls/index')
    expect(hallsPageUrl(3)).toBe('/pages/halls/index?id=3')
  })
})

describe('page parameters', () => {
  it('decodes what the H5 router leaves encoded, and keeps plain text', () => {
    expect(readParam('%E7%A4%BE%E4%BF%9D%E5%8D%A1')).toBe('社保卡')
    expect(readParam('社保卡')).toBe('社保卡')
    expect(readParam('330100-GG-RS-001')).toBe('330100-GG-RS-001')
    expect(readParam('100%')).toBe('100%') // not valid encoding: as typed
    expect(readParam(undefined)).toBe('')
    expect(readParam(null)).toBe('')
  })

  it('reads positive whole-number ids only', () => {
    expect(readIdParam('3')).toBe(3)
    expect(readIdParam('0')).toBeNull()
    expect(readIdParam('-1')).toBeNull()
    expect(readIdParam('3.5')).toBeNull()
    expect(readIdParam('3abc')).toBeNull()
    expect(readIdParam('9999999999999999')).toBeNull() // past Number.MAX_SAFE_INTEGER
    expect(readIdParam('99999999999999999')).toBeNull()
    expect(readIdParam(undefined)).toBeNull()
  })
})
