import { describe, expect, it } from 'vitest'

import type { HandledAt, Material } from '../../src/api/catalogTypes'
import {
  assuranceText, DEMO_THEMES, dialable, feeView, formatYuan, groupHandledAt, itemBadges, materialAmount,
  materialFormLabel, mergeThemes, processingLabel, processingText, splitMaterials, visitsLabel, workingDays,
} from '../../src/utils/catalogFormat'

describe('fees', () => {
  it('formats fen as yuan without float errors', () => {
    expect(formatYuan(2000)).toBe('20 元')
    expect(formatYuan(12000)).toBe('120 元')
    expect(formatYuan(1550)).toBe('15.50 元')
    expect(formatYuan(1505)).toBe('15.05 元')
    expect(formatYuan(5)).toBe('0.05 元')
    expect(formatYuan(0)).toBe('0 元')
    expect(formatYuan(29)).toBe('0.29 元') // 0.29 * 100 is 28.999… in floats
    expect(formatYuan(-150)).toBe('-1.50 元')
  })

  it('says 不收费 for free items', () => {
    expect(feeView({ free: true, lines: [] })).toEqual({ free: true, summary: '不收费', lines: [] })
    expect(feeView(null).summary).toBe('不收费')
  })

  it('gives one line as its amount and several as a total', () => {
    const one = feeView({ free: false, lines: [{ name: '普通护照', amount_fen: 12000, basis: '依据甲' }] })
    expect(one).toEqual({ free: false, summary: '120 元', lines: [{ name: '普通护照', amount: '120 元', basis: '依据甲' }] })

    const two = feeView({
      free: false,
      lines: [{ name: '往来港澳通行证', amount_fen: 6000 }, { name: '个人旅游一次有效签注', amount_fen: 1500, basis: null }],
    })
    expect(two.summary).toBe('合计 75 元')
    expect(two.lines).toEqual([
      { name: '往来港澳通行证', amount: '60 元', basis: '' },
      { name: '个人旅游一次有效签注', amount: '15 元', basis: '' },
    ])
  })

  it('does not call a paid item without lines free', () => {
    expect(feeView({ free: false, lines: [] })).toEqual({ free: false, summary: '收费，标准请咨询办理部门', lines: [] })
  })
})

describe('processing and visits', () => {
  it('labels 即办件 and 承诺件 with their days', () => {
    expect(processingLabel('immediate')).toBe('即办件')
    expect(processingLabel('promised')).toBe('承诺件')
    expect(processingLabel('other')).toBe('other')
    expect(processingText('immediate', 0)).toBe('即办件 · 当场办结')
    expect(processingText('promised', 7)).toBe('承诺件 · 7 个工作日')
    expect(workingDays(0)).toBe('当场办结')
    expect(workingDays(15)).toBe('15 个工作日')
  })

  it('labels visits', () => {
    expect(visitsLabel(0)).toBe('全程网办')
    expect(visitsLabel(1)).toBe('最多跑一次')
    expect(visitsLabel(2)).toBe('需到现场 2 次')
  })

  it('builds the badges of a result', () => {
    expect(itemBadges({ processing_type: 'immediate', promised_days: 0, visits: 1, online: true, appointment: true })).toEqual([
      { text: '即办件 · 当场办结', tone: 'green' },
      { text: '最多跑一次', tone: 'green' },
      { text: '可网上申请', tone: 'blue' },
      { text: '可预约', tone: 'gray' },
    ])
    // Fully online: no separate 可网上申请; two visits stand out.
    expect(itemBadges({ processing_type: 'promised', promised_days: 3, visits: 0, online: true, appointment: false }).map((b) => b.text))
      .toEqual(['承诺件 · 3 个工作日', '全程网办'])
    expect(itemBadges({ processing_type: 'promised', promised_days: 10, visits: 2, online: false, appointment: false })[1])
      .toEqual({ text: '需到现场 2 次', tone: 'amber' })
  })

  it('says what identity check an item needs', () => {
    expect(assuranceText(1)).toBe('需验证手机号')
    expect(assuranceText(2)).toBe('需实名认证')
    expect(assuranceText(3)).toBe('需刷脸核验')
    expect(assuranceText(0)).toBe('')
  })
})

function material (name: string, required: boolean, condition: string | null = null): Material {
  return { name, count: 1, form: 'original', source: null, required, condition, notes: null, sample_url: null }
}

describe('materials (一次性告知)', () => {
  it('splits required from conditional, keeping the order', () => {
    const list = [material('身份证', true), material('监护证明', false, '未满16周岁'), material('相片回执', true), material('单位意见', false, '国家工作人员')]
    const { required, conditional } = splitMaterials(list)
    expect(required.map((m) => m.name)).toEqual(['身份证', '相片回执'])
    expect(conditional.map((m) => m.name)).toEqual(['监护证明', '单位意见'])
    expect(conditional[0].condition).toBe('未满16周岁')
  })

  it('labels form and count', () => {
    expect(materialFormLabel('original')).toBe('原件')
    expect(materialFormLabel('copy')).toBe('复印件')
    expect(materialFormLabel('electronic')).toBe('电子件')
    expect(materialFormLabel('scan')).toBe('scan')
    expect(materialAmount({ count: 2, form: 'copy' })).toBe('2 份 · 复印件')
  })
})

describe('where to go', () => {
  it('groups queue lines by hall in first-seen order', () => {
    const lines: HandledAt[] = [
      { hall_id: 3, hall: '示范市民中心', category: 'E', category_name: '社保医保' },
      { hall_id: 1, hall: '明湖区政务服务中心', category: 'A', category_name: '社保' },
      { hall_id: 3, hall: '示范市民中心', category: 'F', category_name: '综合' },
    ]
    expect(groupHandledAt(lines)).toEqual([
      { hallId: 3, hall: '示范市民中心', queues: ['E 社保医保', 'F 综合'] },
      { hallId: 1, hall: '明湖区政务服务中心', queues: ['A 社保'] },
    ])
    expect(groupHandledAt([])).toEqual([])
  })

  it('makes phone numbers dialable', () => {
    expect(dialable('0571-55500001')).toBe('057155500001')
    expect(dialable(' 12345 ')).toBe('12345')
    expect(dialable('+86 571 5550 0001')).toBe('+8657155500001')
  })
})

describe('themes', () => {
  it('starts with the demo themes and adds unknown ones the results carry', () => {
    expect(DEMO_THEMES.slice(0, 6)).toEqual(['社保', '医保', '户籍', '证件', '出入境', '公积金'])
    expect(DEMO_THEMES).toContain('交通')
    const merged = mergeThemes(['社保', '医保'], [{ themes: ['医保', '人才'] }, { themes: ['社保', '水电', '人才'] }])
    expect(merged).toEqual(['社保', '医保', '人才', '水电'])
  })
})
