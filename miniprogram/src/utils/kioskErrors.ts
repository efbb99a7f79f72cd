/**
 * Every refusal at the kiosk in big plain Chinese: a headline, what to do next, and whether trying
 * the same thing again can help. Pure: no @tarojs import.
 */
import type { HallDetail } from '../api/catalogTypes'
import { isApiError, NETWORK_ERROR, retryAfterSeconds } from '../api/errors'
import { hallClosedText, hallMinutes } from './queueHall'

export interface KioskErrorView {
  title: string
  detail: string
  /** 重试 may help (the network, a busy server); otherwise only 返回首页. */
  retry: boolean
  code: string
}

type HallHours = Pick<HallDetail, 'today' | 'today_hours' | 'timezone'> &
  Partial<Pick<HallDetail, 'hours' | 'closed_days' | 'special_days'>>

export interface ErrorContext {
  hall: HallHours | null
  nowMs: number
}

const ASK_STAFF = '如需帮助，请联系大厅工作人员。'

/** `2026-11-23T09:00:00+08:00` (hall time, as the API gives it) -> `09:00`, or `11月24日 09:00` on another day. */
export function hallTimeText (iso: unknown, today: string | null): string {
  if (typeof iso !== 'string') return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso)
  if (!match) return ''
  const [, year, month, day, clock] = match
  if (today === `${year}-${month}-${day}`) return clock
  return `${Number(month)}月${Number(day)}日 ${clock}`
}

function fieldsOf (details: Record<string, unknown>): Record<string, unknown> {
  const fields = details.fields
  return fields && typeof fields === 'object' ? fields as Record<string, unknown> : {}
}

function view (code: string, title: string, detail: string, retry = false): KioskErrorView {
  return { code, title, detail, retry }
}

export function kioskErrorView (error: unknown, context: ErrorContext): KioskErrorView {
  if (!isApiError(error)) return view('', '操作没有成功', `请再试一次。${ASK_STAFF}`, true)
  const { code, details, status } = error
  const today = context.hall?.today ?? null
  switch (code) {
    case 'HALL_CLOSED': {
      const hall = context.hall
      const text = hall ? hallClosedText(hall, hallMinutes(context.nowMs, hall.timezone)) : '现在不在办公时间，不能取号。'
      return view(code, '现在不能取号', text)
    }
    case 'ALREADY_QUEUED': {
      const number = typeof details.number === 'string' ? details.number : ''
      return view(code, '您已经有排队号了', `${number ? `您在本大厅已有排队号 ${number}，` : '您在本大厅已有排队号，'}不能重复取号。请留意叫号屏和语音叫号。`)
    }
    case 'NOT_FOUND':
      return view(code, '本大厅暂不办理这项业务', `请选择其他业务。${ASK_STAFF}`)
    case 'CHECK_IN_TOO_EARLY': {
      const at = hallTimeText(details.opens_at, today)
      return view(code, '还没到签到时间', at ? `请在 ${at} 以后再来扫码签到（预约时段开始前 1 小时可签到）。` : '预约时段开始前 1 小时才能签到，请稍后再来。')
    }
    case 'CHECK_IN_WRONG_HALL': {
      const hall = typeof details.hall === 'string' ? details.hall : ''
      return view(code, '预约不在本大厅', hall ? `这个预约在“${hall}”办理，请前往该大厅签到。` : '这个预约在其他大厅办理，请前往预约的大厅签到。')
    }
    case 'CHECK_IN_EXPIRED':
      return view(code, '签到时间已过', '已超过预约签到时间，预约不能再用。请返回首页直接取号排队。')
    case 'ALREADY_CHECKED_IN':
      return view(code, '这个预约已经签到过了', `签到时已打印排队号，请留意叫号。如号票丢失，${ASK_STAFF}`)
    case 'APPOINTMENT_NOT_ACTIVE':
      return view(code, '这个预约不能签到', '预约已取消或已失效。请返回首页直接取号排队。')
    case 'CHECK_IN_INVALID':
      return view(code, '无法识别这个二维码', `请出示“掌上政务”预约详情页里的签到二维码，并确认是今天的预约。${ASK_STAFF}`)
    case 'VALIDATION_ERROR': {
      const fields = fieldsOf(details)
      if ('id_number' in fields) return view(code, '身份证号码不正确', '请核对后重新输入 18 位身份证号码。')
      if ('phone' in fields) return view(code, '手机号不正确', '请核对后重新输入 11 位手机号。')
      if ('token' in fields) return view(code, '无法识别这个二维码', `请出示预约详情页里的签到二维码。${ASK_STAFF}`)
      return view(code, '信息有误', `请返回重新操作。${ASK_STAFF}`)
    }
    case 'DEVICE_TOKEN_INVALID':
    case 'FORBIDDEN':
      return view(code, '本机暂停服务', '这台自助机还没有启用或已被停用，请联系大厅工作人员。')
    case 'RATE_LIMITED': {
      const seconds = retryAfterSeconds(error)
      return view(code, '操作太频繁', seconds ? `请等 ${seconds} 秒后再试。` : '请稍等片刻再试。', true)
    }
    case NETWORK_ERROR:
      return view(code, '网络连接中断', `请稍后再试。${ASK_STAFF}`, true)
    default:
      if (status === 503 || status >= 500) return view(code, '系统繁忙', `暂时不能完成，请稍后再试。${ASK_STAFF}`, true)
      return view(code, '操作没有成功', `${error.message}。${ASK_STAFF}`.replace(/。。/g, '。'), false)
  }
}
