import { describe, expect, it } from 'vitest'

import { ApiError } from '../../src/api/errors'
import {
  BAD_TAGS, categoryText, complaintBody, complaintStatusText, complaintTextHint, isBadLevel, levelText, MAX_TAGS,
  RATING_LEVELS, ratingBody, ratingErrorText, ratingSubject, REPLY_LEVELS, toggleTag,
} from '../../src/utils/ratingFormat'

function apiError (code: string, details: Record<string, unknown> = {}, status = 422) {
  return new ApiError({ status, code, message: `服务器：${code}`, details })
}

describe('levels', () => {
  it('offers five levels best first, and three for a reply', () => {
    expect(RATING_LEVELS.map((l) => l.level)).toEqual([5, 4, 3, 2, 1])
    expect(levelText(5)).toBe('非常满意')
    expect(levelText(1)).toBe('非常不满意')
    expect(levelText(2, REPLY_LEVELS)).toBe('基本满意')
    expect(levelText(null)).toBe('')
  })

  it('counts 1 and 2 as 差评', () => {
    expect(isBadLevel(2)).toBe(true)
    expect(isBadLevel(1)).toBe(true)
    expect(isBadLevel(3)).toBe(false)
    expect(isBadLevel(null)).toBe(false)
  })

  it('keeps every offered tag within the API limit', () => {
    for (const tag of [...BAD_TAGS.onsite, ...BAD_TAGS.online]) expect(Array.from(tag).length).toBeLessThanOrEqual(20)
  })
})

describe('subject', () => {
  it('reads what the page was opened for', () => {
    expect(ratingSubject({ ticket: 3, application: null, workOrder: null })).toEqual({ kind: 'ticket', id: 3 })
    expect(ratingSubject({ ticket: null, application: 9, workOrder: null })).toEqual({ kind: 'application', id: 9 })
    expect(ratingSubject({ ticket: null, application: null, workOrder: 4 })).toEqual({ kind: 'work_order', id: 4 })
    expect(ratingSubject({ ticket: null, application: null, workOrder: null })).toBeNull()
  })
})

describe('rating body', () => {
  it('rates a ticket or an application, with tags only for a 差评', () => {
    expect(ratingBody({ kind: 'ticket', id: 3 }, { level: 5, tags: ['等候时间长'], comment: '  很好 ' }))
      .toEqual({ level: 5, ticket_id: 3, comment: '很好' })
    expect(ratingBody({ kind: 'application', id: 9 }, { level: 2, tags: ['办理时间长'], comment: '' }))
      .toEqual({ level: 2, application_id: 9, tags: ['办理时间长'] })
  })

  it('cuts a comment to 500 characters', () => {
    const body = ratingBody({ kind: 'ticket', id: 1 }, { level: 4, tags: [], comment: '好'.repeat(600) })
    expect(Array.from(body.comment as string).length).toBe(500)
  })

  it('toggles tags and never holds more than the limit', () => {
    expect(toggleTag([], 'a')).toEqual(['a'])
    expect(toggleTag(['a', 'b'], 'a')).toEqual(['b'])
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`)
    expect(toggleTag(full, 'more')).toEqual(full)
  })
})

describe('rating errors', () => {
  it('says ALREADY_RATED and RATING_NOT_OPEN in plain words', () => {
    expect(ratingErrorText(apiError('ALREADY_RATED', { evaluation_id: 1 }, 409), 'ticket')).toBe('您已经评价过了，感谢您的反馈。')
    expect(ratingErrorText(apiError('RATING_NOT_OPEN', { reason: 'not_finished' }), 'ticket')).toBe('这次服务还没有结束，办完后才能评价。')
    expect(ratingErrorText(apiError('RATING_NOT_OPEN', { reason: 'not_finished' }), 'application')).toBe('这件事还没有办结，办结后才能评价。')
    expect(ratingErrorText(apiError('RATING_NOT_OPEN', { reason: 'expired', until: '2026-10-28T16:00:00+00:00' }), 'ticket'))
      .toBe('已超过评价期限（2026-10-28 截止），不能再评价。如有意见可以投诉建议。')
    expect(ratingErrorText(apiError('ASSURANCE_REQUIRED', { required_level: 2 }, 403), 'ticket')).toContain('实名认证')
  })

  it('passes other errors on as the API says them', () => {
    expect(ratingErrorText(apiError('NOT_FOUND', {}, 404), 'ticket')).toBe('服务器：NOT_FOUND')
    expect(ratingErrorText(new Error('断网了'), 'ticket')).toBe('断网了')
  })
})

describe('complaints', () => {
  it('names categories and states', () => {
    expect(categoryText('attitude')).toBe('服务态度')
    expect(categoryText('new')).toBe('new')
    expect(complaintStatusText('replied')).toBe('已答复，请评价')
  })

  it('sends exactly one subject', () => {
    expect(complaintBody('guide', ' 指南写错了 ', { kind: 'department', code: 'D1' }))
      .toEqual({ category: 'guide', text: '指南写错了', department_code: 'D1' })
    expect(complaintBody('other', 'x', { kind: 'application', id: 5 })).toEqual({ category: 'other', text: 'x', application_id: 5 })
    expect(complaintBody('other', 'x', { kind: 'ticket', id: 6 })).toEqual({ category: 'other', text: 'x', ticket_id: 6 })
  })

  it('warns about a text over 1000 characters', () => {
    expect(complaintTextHint('字'.repeat(1000))).toBe('')
    expect(complaintTextHint('字'.repeat(1001))).toBe('最多 1000 个字，现在 1001 个')
  })
})
