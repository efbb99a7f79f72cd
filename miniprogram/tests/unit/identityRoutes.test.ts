import { describe, expect, it } from 'vitest'

import {
  faceSandboxPageUrl, familyPageUrl, loginPageUrl, previousIsPage, readLevelParam, realNamePageUrl, safeAppPath,
} from '../../src/utils/identityRoutes'

describe('safeAppPath', () => {
  it('accepts the pages of the app, with their query', () => {
    expect(safeAppPath('/pages/me/index')).toBe('/pages/me/index')
    expect(safeAppPath('/sub/booking/book/index?item=A1&hall=3')).toBe('/sub/booking/book/index?item=A1&hall=3')
    expect(safeAppPath('/sub/identity/family/index')).toBe('/sub/identity/family/index')
  })

  it('decodes a parameter the H5 router left encoded', () => {
    const encoded = encodeURIComponent('/sub/booking/book/index?item=%E7%A4%BE')
    expect(safeAppPath(encoded)).toBe('/sub/booking/book/index?item=%E7%A4%BE')
  })

  it('refuses anything that is not a page of the app', () => {
    for (const bad of [
      undefined, null, '', 'https://evil.example/pages/me/index', '//evil.example/pages/me/index',
      'pages/me/index', '/pages/nope/index', '/pages/me/index/../../x', '/pages/me', '/api/v1/me',
      'javascript:alert(1)', '/pages/me/index#x', '/pages/me/index?a=1 b', '/pages/me/index\\x',
      '/pages/me/index\n', `/pages/me/index?${'a'.repeat(1000)}`,
    ]) {
      expect(safeAppPath(bad), String(bad)).toBeNull()
    }
  })

  it('refuses the login page itself, so login never loops', () => {
    expect(safeAppPath('/pages/login/index')).toBeNull()
    expect(safeAppPath('/pages/login/index?redirect=/pages/me/index')).toBeNull()
  })
})

describe('page urls', () => {
  it('builds the login url with where to go after', () => {
    expect(loginPageUrl()).toBe('/pages/login/index')
    expect(loginPageUrl({ redirect: '/pages/me/index' })).toBe('/pages/login/index?redirect=%2Fpages%2Fme%2Findex')
    expect(loginPageUrl({ bind: true, redirect: '/pages/me/index' })).toBe('/pages/login/index?redirect=%2Fpages%2Fme%2Findex&bind=1')
  })

  it('round-trips a redirect through the login url', () => {
    const next = '/sub/booking/book/index?item=A1&hall=3'
    const query = loginPageUrl({ redirect: next }).split('?')[1]
    const raw = new URLSearchParams(query).get('redirect')
    expect(safeAppPath(raw)).toBe(next)
  })

  it('builds the real-name url', () => {
    expect(realNamePageUrl()).toBe('/sub/identity/real-name/index')
    expect(realNamePageUrl({ next: '/pages/me/index', need: 2 })).toBe('/sub/identity/real-name/index?next=%2Fpages%2Fme%2Findex&need=2')
    expect(realNamePageUrl({ need: null, verification: 'fv1' })).toBe('/sub/identity/real-name/index?verification=fv1')
  })

  it('builds the sandbox and family urls', () => {
    expect(faceSandboxPageUrl('sbx1', '/sub/identity/family/index?accept=2'))
      .toBe('/sub/identity/face-sandbox/index?ref=sbx1&back=%2Fsub%2Fidentity%2Ffamily%2Findex%3Faccept%3D2')
    expect(familyPageUrl()).toBe('/sub/identity/family/index')
    expect(familyPageUrl({ accept: 4, verification: 'fv2' })).toBe('/sub/identity/family/index?accept=4&verification=fv2')
  })
})

describe('readLevelParam', () => {
  it('reads 2 and 3 only', () => {
    expect(readLevelParam('2')).toBe(2)
    expect(readLevelParam('3')).toBe(3)
    for (const bad of ['1', '4', '', undefined, null, 'L2', ' 2']) expect(readLevelParam(bad)).toBeNull()
  })
})

describe('previousIsPage', () => {
  it('matches the page below by path, whatever its query or leading slash', () => {
    expect(previousIsPage('pages/me/index', '/pages/me/index')).toBe(true)
    expect(previousIsPage('/sub/booking/book/index', '/sub/booking/book/index?item=A1')).toBe(true)
    expect(previousIsPage('/pages/home/index?x=1', '/pages/home/index')).toBe(true)
  })

  it('does not match another page or no page', () => {
    expect(previousIsPage('pages/home/index', '/pages/me/index')).toBe(false)
    expect(previousIsPage(undefined, '/pages/me/index')).toBe(false)
    expect(previousIsPage('', '/pages/me/index')).toBe(false)
  })
})
