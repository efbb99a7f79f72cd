import { describe, expect, it } from 'vitest'

import {
  CHANNEL_CHOICES, type GrantLike, grantStatusWords, groupGrants, otherId, otherName, RELATIONS, relationOfOther,
  relationWords,
} from '../../src/utils/identityFamily'

const NOW = new Date('2026-11-20T10:00:00+08:00')
const LATER = '2026-11-25T10:00:00+08:00'
const EARLIER = '2026-11-19T10:00:00+08:00'

function grant (over: Partial<GrantLike> & { id: number }): GrantLike {
  return { my_role: 'grantee', status: 'pending', relation: 'parent', invitation_expires_at: LATER, other: null, ...over }
}

describe('relations', () => {
  it('names every relation the API accepts', () => {
    expect(RELATIONS).toEqual(['parent', 'child', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other'])
    for (const r of RELATIONS) expect(relationWords(r)).not.toBe('家人')
    expect(relationWords('cousin')).toBe('家人')
  })

  it('shows the grantor the inverse relation', () => {
    expect(relationOfOther('parent', 'grantee')).toBe('父母')
    expect(relationOfOther('parent', 'grantor')).toBe('子女')
    expect(relationOfOther('grandchild', 'grantor')).toBe('祖父母/外祖父母')
    expect(relationOfOther('spouse', 'grantor')).toBe('配偶')
    expect(relationOfOther('unknown', 'grantor')).toBe('家人')
  })
})

describe('the other person', () => {
  it('is shown by masked name, else phone, else relation', () => {
    expect(otherName(grant({ id: 1, other: { id: 9, name: '张*', phone: '138****8000' } }))).toBe('张*')
    expect(otherName(grant({ id: 1, other: { id: 9, name: null, phone: '138****8000' } }))).toBe('138****8000')
    expect(otherName(grant({ id: 1, other: null }))).toBe('父母')
    expect(otherName(grant({ id: 1, other: {} }))).toBe('父母')
  })

  it('gives their id for acting_for only when named', () => {
    expect(otherId(grant({ id: 1, other: { id: 9 } }))).toBe(9)
    expect(otherId(grant({ id: 1, other: null }))).toBeNull()
    expect(otherId(grant({ id: 1, other: {} }))).toBeNull()
  })
})

describe('groupGrants', () => {
  it('sorts grants into the sections of the family page, keeping their order', () => {
    const items = [
      grant({ id: 1, my_role: 'grantor', status: 'pending' }),
      grant({ id: 2, my_role: 'grantee', status: 'active' }),
      grant({ id: 3, my_role: 'grantee', status: 'pending' }),
      grant({ id: 4, my_role: 'grantor', status: 'active' }),
      grant({ id: 5, my_role: 'grantee', status: 'revoked' }),
      grant({ id: 6, my_role: 'grantor', status: 'declined' }),
      grant({ id: 7, my_role: 'grantor', status: 'pending', invitation_expires_at: EARLIER }),
      grant({ id: 8, my_role: 'grantee', status: 'active' }),
    ]
    const s = groupGrants(items, NOW)
    expect(s.invitations.map((g) => g.id)).toEqual([1])
    expect(s.actFor.map((g) => g.id)).toEqual([2, 8])
    expect(s.sent.map((g) => g.id)).toEqual([3])
    expect(s.actingForMe.map((g) => g.id)).toEqual([4])
    expect(s.past.map((g) => g.id)).toEqual([5, 6, 7])
  })

  it('words each status, an old invitation as expired', () => {
    expect(grantStatusWords(grant({ id: 1, status: 'active' }), NOW)).toBe('已生效')
    expect(grantStatusWords(grant({ id: 1 }), NOW)).toBe('等待同意')
    expect(grantStatusWords(grant({ id: 1, invitation_expires_at: EARLIER }), NOW)).toBe('已过期')
    expect(grantStatusWords(grant({ id: 1, status: 'declined' }), NOW)).toBe('已拒绝')
    expect(grantStatusWords(grant({ id: 1, status: 'revoked' }), NOW)).toBe('已解除')
  })
})

describe('notification channels', () => {
  it('offers the two channels the API accepts', () => {
    expect(CHANNEL_CHOICES.map((c) => c.value)).toEqual(['auto', 'sms'])
  })
})
