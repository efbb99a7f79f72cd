/** How service items and their guides are shown to residents. Pure: no @tarojs import. */
import type { Fee, HandledAt, ItemSummary, Material } from '../api/catalogTypes'

/** The demo city's themes, most used first; chips for themes the results carry are added after them. */
export const DEMO_THEMES = [
  '社保', '医保', '户籍', '证件', '出入境', '公积金', '交通', '就业', '养老', '退休', '生育',
  '住房', '不动产', '开办企业', '教育', '婚姻', '残疾人', '社会救助',
]

/** `base`, then every theme the items carry that `base` lacks, in the order first seen. */
export function mergeThemes (base: readonly string[], items: readonly Pick<ItemSummary, 'themes'>[]): string[] {
  const themes = [...base]
  const seen = new Set(base)
  for (const item of items) {
    for (const theme of item.themes ?? []) {
      if (!seen.has(theme)) {
        seen.add(theme)
        themes.push(theme)
      }
    }
  }
  return themes
}

/** `2000` -> `20 元`, `1550` -> `15.50 元`, `5` -> `0.05 元` (integer arithmetic, no float cents). */
export function formatYuan (amountFen: number): string {
  const fen = Math.round(amountFen)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}${yuan}${cents ? `.${cents < 10 ? '0' : ''}${cents}` : ''} 元`
}

export interface FeeLineView {
  name: string
  amount: string
  basis: string
}

export interface FeeView {
  free: boolean
  /** The one-line answer: 不收费, 60 元, 合计 75 元. */
  summary: string
  lines: FeeLineView[]
}

export function feeView (fee: Fee | null | undefined): FeeView {
  if (!fee || fee.free) return { free: true, summary: '不收费', lines: [] }
  const lines = (fee.lines ?? []).map((line) => ({
    name: line.name,
    amount: formatYuan(line.amount_fen),
    basis: line.basis ?? '',
  }))
  if (lines.length === 0) return { free: false, summary: '收费，标准请咨询办理部门', lines }
  const total = (fee.lines ?? []).reduce((sum, line) => sum + line.amount_fen, 0)
  return { free: false, summary: lines.length === 1 ? lines[0].amount : `合计 ${formatYuan(total)}`, lines }
}

/** 即办件 / 承诺件; an unknown type as sent. */
export function processingLabel (type: string): string {
  if (type === 'immediate') return '即办件'
  if (type === 'promised') return '承诺件'
  return type
}

/** `当场办结` for 0, else `7 个工作日`. */
export function workingDays (days: number): string {
  return days > 0 ? `${days} 个工作日` : '当场办结'
}

/** `即办件 · 当场办结` or `承诺件 · 7 个工作日`. */
export function processingText (type: string, promisedDays: number): string {
  if (type === 'immediate') return '即办件 · 当场办结'
  return `${processingLabel(type)} · ${workingDays(promisedDays)}`
}

/** 全程网办 (no visit), 最多跑一次, else how many visits. */
export function visitsLabel (visits: number): string {
  if (visits <= 0) return '全程网办'
  if (visits === 1) return '最多跑一次'
  return `需到现场 ${visits} 次`
}

export type Tone = 'green' | 'blue' | 'amber' | 'gray'

export interface Badge {
  text: string
  tone: Tone
}

/** The badges of a search result or guide header. */
export function itemBadges (item: Pick<ItemSummary, 'processing_type' | 'promised_days' | 'visits' | 'online' | 'appointment'>): Badge[] {
  const badges: Badge[] = [{
    text: processingText(item.processing_type, item.promised_days),
    tone: item.processing_type === 'immediate' ? 'green' : 'blue',
  }]
  badges.push({ text: visitsLabel(item.visits), tone: item.visits <= 1 ? 'green' : 'amber' })
  if (item.online && item.visits > 0) badges.push({ text: '可网上申请', tone: 'blue' })
  if (item.appointment) badges.push({ text: '可预约', tone: 'gray' })
  return badges
}

const ASSURANCE_WORDS: Record<number, string> = {
  1: '需验证手机号',
  2: '需实名认证',
  3: '需刷脸核验',
}

/** What identity check an item needs; '' when none. */
export function assuranceText (level: number): string {
  return ASSURANCE_WORDS[level] ?? ''
}

const FORM_WORDS: Record<string, string> = {
  original: '原件',
  copy: '复印件',
  electronic: '电子件',
}

export function materialFormLabel (form: string): string {
  return FORM_WORDS[form] ?? form
}

/** `1 份 · 原件`. */
export function materialAmount (material: Pick<Material, 'count' | 'form'>): string {
  return `${material.count} 份 · ${materialFormLabel(material.form)}`
}

/** 一次性告知: what everyone brings, and what only some situations need (with their 情形). */
export function splitMaterials<M extends Pick<Material, 'required'>> (materials: readonly M[]): { required: M[], conditional: M[] } {
  return {
    required: materials.filter((m) => m.required),
    conditional: materials.filter((m) => !m.required),
  }
}

export interface HallQueues {
  hallId: number
  hall: string
  /** `A 出入境证件`. */
  queues: string[]
}

/** `handled_at` grouped by hall, in the order the halls first appear. */
export function groupHandledAt (lines: readonly HandledAt[]): HallQueues[] {
  const byHall = new Map<number, HallQueues>()
  for (const line of lines) {
    let group = byHall.get(line.hall_id)
    if (!group) {
      group = { hallId: line.hall_id, hall: line.hall, queues: [] }
      byHall.set(line.hall_id, group)
    }
    group.queues.push(`${line.category} ${line.category_name}`)
  }
  return [...byHall.values()]
}

/** Digits (and a leading +) for makePhoneCall: `0571-55500001` -> `057155500001`. */
export function dialable (phone: string): string {
  const trimmed = phone.trim()
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '')
}
