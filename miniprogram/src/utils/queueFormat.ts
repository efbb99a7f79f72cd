/**
 * How queue tickets (取号) are shown: status words, 前面还有 N 人, the wait estimate, 请到3号窗口.
 * Used by the ticket pages and the home page's "my current ticket". Pure: no @tarojs import.
 */
import type { Schemas } from '../api/types'
import type { Tone } from './catalogFormat'

export type Ticket = Schemas['Ticket']
export type Wait = Schemas['Wait']

/** The states of a ticket (docs/queue.md). */
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'held' | 'skipped' | 'done' | 'no_show' | 'cancelled'

const STATUS_WORDS: Record<TicketStatus, { text: string, tone: Tone }> = {
  waiting: { text: '排队中', tone: 'blue' },
  called: { text: '已叫号', tone: 'green' },
  serving: { text: '正在办理', tone: 'green' },
  held: { text: '暂停办理', tone: 'amber' },
  skipped: { text: '已过号', tone: 'amber' },
  done: { text: '已结束', tone: 'gray' },
  no_show: { text: '未到场', tone: 'gray' },
  cancelled: { text: '已取消', tone: 'gray' },
}

/** 排队中, 已叫号…; an unknown state says 状态未知 rather than a code. */
export function statusText (status: string): string {
  return STATUS_WORDS[status as TicketStatus]?.text ?? '状态未知'
}

export function statusTone (status: string): Tone {
  return STATUS_WORDS[status as TicketStatus]?.tone ?? 'gray'
}

/** Still in play: shown as "my current ticket", and worth asking about again. */
export function isLive (status: string): boolean {
  return status === 'waiting' || status === 'called' || status === 'serving' || status === 'held'
}

/**
 * Nothing will change it any more without the resident: polling can stop. A skipped ticket only
 * moves when its holder rejoins (重新排队), which the page does itself.
 */
export function isFinished (status: string): boolean {
  return status === 'done' || status === 'no_show' || status === 'cancelled' || status === 'skipped'
}

/** 前面还有 3 人; 0 ahead is 前面没有人了; '' when not waiting (null). */
export function aheadText (ahead: number | null | undefined): string {
  if (ahead === null || ahead === undefined || !Number.isFinite(ahead) || ahead < 0) return ''
  if (ahead === 0) return '前面没有人了'
  return `前面还有 ${Math.round(ahead)} 人`
}

function minutesWords (minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`
}

/** The answer's `wait`: a Wait, or null / {} when there is none. */
function readWait (wait: Wait | Record<string, never> | null | undefined): Wait | null {
  if (!wait || typeof (wait as Wait).minutes !== 'number' || !Number.isFinite((wait as Wait).minutes)) return null
  return wait as Wait
}

/** 约 15 分钟, 约 1 小时 20 分钟, 不到 1 分钟; '' without an estimate. */
export function waitText (wait: Wait | Record<string, never> | null | undefined): string {
  const found = readWait(wait)
  if (!found) return ''
  const minutes = Math.round(found.minutes)
  if (minutes < 1) return '不到 1 分钟'
  return `约 ${minutesWords(minutes)}`
}

/** The range around the estimate, `12–18 分钟`; '' when there is none or it says nothing more. */
export function waitRangeText (wait: Wait | Record<string, never> | null | undefined): string {
  const found = readWait(wait)
  if (!found || typeof found.low !== 'number' || typeof found.high !== 'number') return ''
  const low = Math.max(0, Math.round(found.low))
  const high = Math.round(found.high)
  if (high <= low) return ''
  return high < 60 ? `${low}–${high} 分钟` : `${minutesWords(low)}至${minutesWords(high)}`
}

/** A window as people say it: `03` -> `3` (a number with leading zeros); other names as they are. */
export function windowLabel (window: string | null | undefined): string {
  const text = (window ?? '').trim()
  if (/^\d+$/.test(text)) return String(Number(text))
  return text
}

/** 请到3号窗口; without a window (should not happen once called), where to look instead. */
export function calledText (window: string | null | undefined): string {
  const label = windowLabel(window)
  return label ? `请到${label}号窗口` : '请留意大厅叫号屏'
}

/** What the holder should do now, by state (the line under the big number). */
export function statusHint (ticket: Pick<Ticket, 'status' | 'window'>): string {
  const label = windowLabel(ticket.window)
  const at = label ? `${label}号窗口` : '窗口'
  switch (ticket.status) {
    case 'waiting':
      return label ? `您的号已转到${at}，请等候该窗口叫号` : '请留意叫号，叫到时本页会提醒您'
    case 'called':
      return `轮到您了，${calledText(ticket.window)}办理`
    case 'serving':
      return `正在${at}为您办理`
    case 'held':
      return `暂停办理：请补齐材料后回到${at}`
    case 'skipped':
      return '您的号已过号。过号后 10 分钟内可重新排队一次，排到队尾。'
    case 'done':
      return '本次窗口服务已结束，欢迎对本次服务进行评价'
    case 'no_show':
      return '多次叫号未到场，号码已作废，如需办理请重新取号'
    case 'cancelled':
      return '您已取消排队，如需办理请重新取号'
    default:
      return ''
  }
}

const PRIORITY_WORDS: Record<string, string> = {
  appointment: '预约优先',
  green: '绿色通道',
}

/** 预约优先 / 绿色通道; '' for a normal ticket. */
export function priorityText (priority: string): string {
  return PRIORITY_WORDS[priority] ?? ''
}

/** `社保医保（A）`: the line the ticket waits in. */
export function lineText (ticket: Pick<Ticket, 'category' | 'category_name'>): string {
  return ticket.category_name ? `${ticket.category_name}（${ticket.category}）` : ticket.category
}

/**
 * One line for a list or the home page: `排队中 · 前面还有 3 人 · 约 15 分钟`,
 * `请到3号窗口`, `正在办理 · 3号窗口`. Without the status word where a badge already says it.
 */
export function ticketSummary (
  ticket: Pick<Ticket, 'status' | 'ahead' | 'wait' | 'window'>, options: { status?: boolean } = {},
): string {
  if (ticket.status === 'called') return calledText(ticket.window)
  const parts = options.status === false ? [] : [statusText(ticket.status)]
  if (ticket.status === 'waiting') {
    const label = windowLabel(ticket.window)
    if (label) parts.push(`转到${label}号窗口`)
    parts.push(aheadText(ticket.ahead), waitText(ticket.wait))
  } else if ((ticket.status === 'serving' || ticket.status === 'held') && ticket.window) {
    parts.push(`${windowLabel(ticket.window)}号窗口`)
  }
  return parts.filter(Boolean).join(' · ')
}

/** The ticket to show as "my current ticket": a called one first (it is urgent), else the newest live one. */
export function currentTicket<T extends Pick<Ticket, 'status'>> (tickets: readonly T[]): T | null {
  const live = tickets.filter((ticket) => isLive(ticket.status))
  return live.find((ticket) => ticket.status === 'called') ?? live[0] ?? null
}
