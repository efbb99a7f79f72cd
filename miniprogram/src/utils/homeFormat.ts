/** What the home page says. Pure: no @tarojs import. */
import type { Schemas } from '../api/types'
import { formatDateTime } from './format'
import { itemsPageUrl } from './routes'

export interface Shortcut {
  label: string
  url: string
}

/** The most asked-for services: a search or a theme, so they hold for any city's catalog. Most used first. */
const SHORTCUTS: Shortcut[] = [
  { label: '社保卡', url: itemsPageUrl({ q: '社保卡' }) },
  { label: '医保', url: itemsPageUrl({ theme: '医保' }) },
  { label: '身份证', url: itemsPageUrl({ q: '身份证' }) },
  { label: '公积金', url: itemsPageUrl({ theme: '公积金' }) },
  { label: '居住证', url: itemsPageUrl({ q: '居住证' }) },
  { label: '出入境', url: itemsPageUrl({ theme: '出入境' }) },
]

/** Elderly mode shows fewer, larger shortcuts: the four most used. */
export const ELDERLY_SHORTCUTS = 4

export function shortcutsFor (elderly: boolean): Shortcut[] {
  return elderly ? SHORTCUTS.slice(0, ELDERLY_SHORTCUTS) : SHORTCUTS
}

/** `2026-12-07 09:30 · 社会保障卡补换 · 云溪区市民中心`. */
export function appointmentLine (appointment: Schemas['AppointmentSummary']): string {
  return [formatDateTime(appointment.starts_at), appointment.item.name, appointment.hall.name].join(' · ')
}
