import { describe, expect, it } from 'vitest'

import {
  allowedFromConflict, answerRows, answerText, buildTransition, dueText, EMPTY_TRANSITION_FORM, isDateOrEmpty, lines, sizeText,
  staffSteps, type TransitionForm,
} from '../../src/utils/staffConsoleApplications'

function form (values: Partial<TransitionForm>): TransitionForm {
  return { ...EMPTY_TRANSITION_FORM, ...values }
}

describe('a step of an application', () => {
  it('sends only the action when it needs no fields', () => {
    expect(buildTransition('accept', form({ reason: 'ignored here' }))).toEqual({ body: { action: 'accept' } })
  })

  it('needs the list of what to correct for 补正, one entry per line', () => {
    expect(buildTransition('request_correction', form({}))).toEqual({ problems: { items: expect.stringContaining('每行一项') } })
    expect(buildTransition('request_correction', form({ items: '身份证复印件\n\n  户口本  \n' }))).toEqual({
      body: { action: 'request_correction', items: ['身份证复印件', '户口本'] },
    })
  })

  it('needs a reason of 5-200 characters for 不予受理, 不予通过 and 撤销', () => {
    expect('problems' in buildTransition('not_accept', form({ reason: '不符合' }))).toBe(true)
    expect(buildTransition('refuse', form({ reason: '  不符合申请条件  ', comment: '已电话告知' }))).toEqual({
      body: { action: 'refuse', reason: '不符合申请条件', comment: '已电话告知' },
    })
  })

  it('needs a reason and the legal basis for 特别程序, every problem at once', () => {
    const built = buildTransition('special_start', form({}))
    expect('problems' in built && Object.keys(built.problems).sort()).toEqual(['legal_basis', 'reason'])
  })

  it('needs a delivery method for 送达 and the materials to follow for 容缺', () => {
    expect('problems' in buildTransition('deliver', form({ method: 'fax' }))).toBe(true)
    expect(buildTransition('deliver', form({ method: 'pickup' }))).toEqual({ body: { action: 'deliver', method: 'pickup' } })
    expect(buildTransition('approve_pending', form({ materials: '原件' }))).toEqual({
      body: { action: 'approve_pending', materials: ['原件'] },
    })
  })

  it('refuses too many or too long entries and a long comment', () => {
    expect('problems' in buildTransition('request_correction', form({ items: Array(51).fill('x').join('\n') }))).toBe(true)
    expect('problems' in buildTransition('request_correction', form({ items: 'x'.repeat(201) }))).toBe(true)
    expect('problems' in buildTransition('accept', form({ comment: 'x'.repeat(501) }))).toBe(true)
  })

  it('offers the staff steps of allowed_actions only', () => {
    expect(staffSteps(['accept', 'resubmit', 'withdraw', 'request_correction'])).toEqual(['accept', 'request_correction'])
  })

  it('reads the steps a conflict says fit now', () => {
    expect(allowedFromConflict({ state: 'accepted', allowed: ['start_processing'] })).toEqual(['start_processing'])
    expect(allowedFromConflict({ state: 'accepted' })).toBeNull()
    expect(allowedFromConflict(undefined)).toBeNull()
  })
})

describe('the work list', () => {
  it('flags what is overdue or due today', () => {
    expect(dueText('2026-11-20', '2026-11-23')).toEqual({ text: '2026-11-20（已超期）', urgent: true })
    expect(dueText('2026-11-23', '2026-11-23').urgent).toBe(true)
    expect(dueText('2026-11-30', '2026-11-23')).toEqual({ text: '2026-11-30', urgent: false })
    expect(dueText(null, '2026-11-23').text).toBe('受理后计时')
  })

  it('takes a real date or nothing for "due before"', () => {
    expect(isDateOrEmpty('')).toBe(true)
    expect(isDateOrEmpty('2026-11-30')).toBe(true)
    expect(isDateOrEmpty('2026-02-30')).toBe(false)
    expect(isDateOrEmpty('30/11/2026')).toBe(false)
  })
})

describe('showing answers and files', () => {
  it('writes answers plainly', () => {
    expect(answerText(null)).toBe('—')
    expect(answerText(['a', 'b'])).toBe('a、b')
    expect(answerText(true)).toBe('是')
    expect(answerText({ a: 1 })).toBe('{"a":1}')
    expect(answerText(3)).toBe('3')
    expect(answerText({ detail: '枫林路1号' })).toBe('枫林路1号')
    expect(answerText({ region: '330106', detail: '枫林路1号' })).toBe('枫林路1号（区划 330106）')
  })

  it('label answers by the item\'s form, options by their labels, unknown ones last', () => {
    const fields = [
      { name: 'child_name', label: '幼儿姓名', type: 'text' },
      { name: 'kindergarten', label: '第一志愿幼儿园', type: 'select', options: [{ label: '第一幼儿园', value: 'yx-1' }] },
      { name: 'unanswered', label: '未填', type: 'text' },
    ]
    expect(answerRows({ old_field: 'x', kindergarten: 'yx-1', child_name: '张小明' }, fields)).toEqual([
      { name: 'child_name', label: '幼儿姓名', text: '张小明' },
      { name: 'kindergarten', label: '第一志愿幼儿园', text: '第一幼儿园' },
      { name: 'old_field', label: 'old_field', text: 'x' },
    ])
  })

  it('gives sizes in B, KB and MB', () => {
    expect(sizeText(900)).toBe('900 B')
    expect(sizeText(12800)).toBe('12.5 KB')
    expect(sizeText(1572864)).toBe('1.5 MB')
  })

  it('splits lines', () => {
    expect(lines(' a \r\nb\n\n')).toEqual(['a', 'b'])
  })
})
