import { describe, expect, it } from 'vitest'

import { buildUrl, normalizeBase } from '../../src/api/url'

describe('normalizeBase', () => {
  it('treats empty and missing bases as same origin', () => {
    expect(normalizeBase('')).toBe('')
    expect(normalizeBase('   ')).toBe('')
    expect(normalizeBase(undefined)).toBe('')
    expect(normalizeBase(null)).toBe('')
  })

  it('drops trailing slashes', () => {
    expect(normalizeBase('https://api.example.gov.cn/')).toBe('https://api.example.gov.cn')
    expect(normalizeBase('http://127.0.0.1:5000///')).toBe('http://127.0.0.1:5000')
  })
})

describe('buildUrl', () => {
  it('gives a same-origin path for an empty base', () => {
    expect(buildUrl('', '/readyz')).toBe('/readyz')
    expect(buildUrl(undefined, 'api/v1/services')).toBe('/api/v1/services')
  })

  it('joins base and path with exactly one slash', () => {
    expect(buildUrl('http://127.0.0.1:5000', '/readyz')).toBe('http://127.0.0.1:5000/readyz')
    expect(buildUrl('http://127.0.0.1:5000/', 'readyz')).toBe('http://127.0.0.1:5000/readyz')
    expect(buildUrl('https://api.example.gov.cn/', '//api/v1')).toBe('https://api.example.gov.cn/api/v1')
  })

  it('keeps a base that has a path prefix', () => {
    expect(buildUrl('https://gov.example.cn/palmgov/', '/readyz')).toBe('https://gov.example.cn/palmgov/readyz')
  })

  it('leaves the query string alone', () => {
    expect(buildUrl('', '/api/v1/services?page=2')).toBe('/api/v1/services?page=2')
  })
})
