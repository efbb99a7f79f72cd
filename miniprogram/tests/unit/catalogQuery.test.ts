import { describe, expect, it } from 'vitest'

import {
  appendPage, buildQuery, checklistPath, formatNear, hallPath, hallsPath, itemPath, itemsPath, linkUrl,
  normalizeSearch,
} from '../../src/api/catalogQuery'

describe('buildQuery', () => {
  it('encodes keys and values in the order given', () => {
    expect(buildQuery({ q: '社保卡', page: 2 })).toBe('?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1&page=2')
    expect(buildQuery({ q: 'a&b=c d', flag: true })).toBe('?q=a%26b%3Dc%20d&flag=true')
  })

  it('leaves out empty values, and gives nothing when none is left', () => {
    expect(buildQuery({ q: '', theme: undefined, near: null, page: 0 })).toBe('?page=0')
    expect(buildQuery({ q: '', theme: undefined })).toBe('')
    expect(buildQuery({})).toBe('')
  })
})

describe('normalizeSearch', () => {
  it('trims, collapses spaces and drops pinyin apostrophes', () => {
    expect(normalizeSearch('  社保卡  ')).toBe('社保卡')
    expect(normalizeSearch('居住  证\n办理')).toBe('居住 证 办理')
    expect(normalizeSearch("she'bao'ka")).toBe('shebaoka')
    expect(normalizeSearch('   ')).toBe('')
  })

  it('keeps at most 50 characters (the API limit), counting characters not UTF-16 units', () => {
    expect(normalizeSearch('社'.repeat(60))).toBe('社'.repeat(50))
    expect(Array.from(normalizeSearch('𠀀'.repeat(60)))).toHaveLength(50)
    expect(normalizeSearch(`${'a'.repeat(49)} b`)).toBe('a'.repeat(49))
  })
})

describe('catalog paths', () => {
  it('builds the item search with paging, leaving out an empty query or theme', () => {
    expect(itemsPath()).toBe('/api/v1/items?page=1&page_size=20')
    expect(itemsPath({ q: ' shbk ', page: 3, page_size: 10 })).toBe('/api/v1/items?q=shbk&page=3&page_size=10')
    expect(itemsPath({ q: '  ', theme: '出入境' })).toBe('/api/v1/items?theme=%E5%87%BA%E5%85%A5%E5%A2%83&page=1&page_size=20')
  })

  it('encodes item codes and hall ids', () => {
    expect(itemPath('330100-GG-RS-001')).toBe('/api/v1/items/330100-GG-RS-001')
    expect(itemPath('a/b?c')).toBe('/api/v1/items/a%2Fb%3Fc')
    expect(hallPath(3)).toBe('/api/v1/halls/3')
  })

  it('links the printable checklist as HTML', () => {
    expect(checklistPath('330100-GG-RS-001')).toBe('/api/v1/items/330100-GG-RS-001/checklist?format=html')
  })

  it('passes near only when there is one', () => {
    expect(hallsPath()).toBe('/api/v1/halls')
    expect(hallsPath(null)).toBe('/api/v1/halls')
    expect(hallsPath('30.27,120.15')).toBe('/api/v1/halls?near=30.27%2C120.15')
  })

  it('keeps absolute links and puts paths on the API base', () => {
    expect(linkUrl('', '/static/forms/a.pdf')).toBe('/static/forms/a.pdf')
    expect(linkUrl('https://api.example.gov.cn/', 'static/a.pdf')).toBe('https://api.example.gov.cn/static/a.pdf')
    expect(linkUrl('https://api.example.gov.cn', 'HTTPS://forms.example.cn/a.pdf')).toBe('HTTPS://forms.example.cn/a.pdf')
  })
})

describe('formatNear', () => {
  it('rounds to 6 decimals without trailing zeros or -0', () => {
    expect(formatNear(30.27, 120.15)).toBe('30.27,120.15')
    expect(formatNear(30.123456789, 120.987654321)).toBe('30.123457,120.987654')
    expect(formatNear(-0.0000001, 0)).toBe('0,0')
    expect(formatNear(-33.8688, -151.2093)).toBe('-33.8688,-151.2093')
  })

  it('refuses positions that are not real', () => {
    expect(formatNear(Number.NaN, 120)).toBeNull()
    expect(formatNear(30, Number.POSITIVE_INFINITY)).toBeNull()
    expect(formatNear(91, 120)).toBeNull()
    expect(formatNear(30, -180.5)).toBeNull()
    expect(formatNear(90, 180)).toBe('90,180')
  })
})

describe('paging', () => {
  it('appends a page without repeating a line already shown', () => {
    const a = { code: 'a' }
    const b = { code: 'b' }
    const c = { code: 'c' }
    expect(appendPage([a, b], [b, c]).map((x) => x.code)).toEqual(['a', 'b', 'c'])
    expect(appendPage([], [a])).toEqual([a])
  })
})
