/**
 * 家人代办 (proxy grants) and notification settings in words, and the family page's sections.
 * Pure: no @tarojs import.
 */

/** The relations the API accepts (`ProxyInvite.relation`): who the invited person is to the one inviting. */
export const RELATIONS = ['parent', 'child', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other'] as const
export type Relation = typeof RELATIONS[number]

const RELATION_WORDS: Record<Relation, string> = {
  parent: '父母',
  child: '子女',
  spouse: '配偶',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他亲属',
}

const INVERSE: Record<Relation, Relation> = {
  parent: 'child',
  child: 'parent',
  spouse: 'spouse',
  sibling: 'sibling',
  grandparent: 'grandchild',
  grandchild: 'grandparent',
  other: 'other',
}

function isRelation (value: string): value is Relation {
  return (RELATIONS as readonly string[]).includes(value)
}

export function relationWords (relation: string): string {
  return isRelation(relation) ? RELATION_WORDS[relation] : '家人'
}

/**
 * What the other person is to me. The grant's `relation` is the grantor as the grantee named
 * them ("my parent"), so the grantor sees the inverse ("my child").
 */
export function relationOfOther (relation: string, myRole: string): string {
  if (!isRelation(relation)) return '家人'
  return RELATION_WORDS[myRole === 'grantor' ? INVERSE[relation] : relation]
}

/** The part of a grant the family page reads (`Schemas['ProxyGrant']`). */
export interface GrantLike {
  id: number
  my_role: string
  status: string
  relation: string
  invitation_expires_at: string
  other?: { id: number, name?: string | null, phone?: string | null } | Record<string, never> | null
}

/** The other person as shown (masked by the server): name, else phone, else their relation. */
export function otherName (grant: GrantLike): string {
  const other = grant.other
  if (other && 'id' in other) {
    if (other.name) return other.name
    if (other.phone) return other.phone
  }
  return relationOfOther(grant.relation, grant.my_role)
}

/** The other person's resident id (what `acting_for` carries), when the grant names them. */
export function otherId (grant: GrantLike): number | null {
  const other = grant.other
  return other && 'id' in other && typeof other.id === 'number' ? other.id : null
}

function expired (grant: GrantLike, now: Date): boolean {
  const until = new Date(grant.invitation_expires_at).getTime()
  return !Number.isNaN(until) && until <= now.getTime()
}

export interface GrantSections<G extends GrantLike> {
  /** Invitations waiting for my answer (I am the grantor). */
  invitations: G[]
  /** Relatives I may act for now. */
  actFor: G[]
  /** My invitations the relative has not answered yet. */
  sent: G[]
  /** Relatives who may act for me now. */
  actingForMe: G[]
  /** Declined, revoked and expired ones. */
  past: G[]
}

/** Sorts the grants of `GET /api/v1/proxies` into the family page's sections (keeping their order: newest first). */
export function groupGrants<G extends GrantLike> (grants: readonly G[], now: Date = new Date()): GrantSections<G> {
  const sections: GrantSections<G> = { invitations: [], actFor: [], sent: [], actingForMe: [], past: [] }
  for (const grant of grants) {
    const grantee = grant.my_role === 'grantee'
    if (grant.status === 'active') {
      (grantee ? sections.actFor : sections.actingForMe).push(grant)
    } else if (grant.status === 'pending' && !expired(grant, now)) {
      (grantee ? sections.sent : sections.invitations).push(grant)
    } else {
      sections.past.push(grant)
    }
  }
  return sections
}

/** A grant's status in words (`pending` past its 7 days reads 已过期). */
export function grantStatusWords (grant: GrantLike, now: Date = new Date()): string {
  if (grant.status === 'active') return '已生效'
  if (grant.status === 'pending') return expired(grant, now) ? '已过期' : '等待同意'
  if (grant.status === 'declined') return '已拒绝'
  if (grant.status === 'revoked') return '已解除'
  return grant.status
}

/** `GET/PUT /api/v1/me/notification-settings` channel values in words. */
export const CHANNEL_CHOICES: readonly { value: 'auto' | 'sms', label: string, hint: string }[] = [
  { value: 'auto', label: '微信/支付宝消息优先', hint: '您在小程序里允许过的提醒用消息发送，其余用短信' },
  { value: 'sms', label: '只用短信', hint: '所有通知都发到您验证过的手机号' },
]
