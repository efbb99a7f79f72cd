/**
 * What a failed booking, cancel, move or "I'm here" means to the resident, and what they can do next.
 * Pure: no @tarojs import. The API's own messages are plain Chinese and say when to try again, so
 * they are shown as they are; this adds the way forward (a button) for each code.
 */
import { errorText, isApiError } from '../api/errors'

/**
 * - pick_slot: choose another slot (the slots are loaded again)
 * - retry: send the same request again (same Idempotency-Key)
 * - real_name: go to 实名认证 and come back
 * - appointment: open the appointment the error names (`reference`)
 * - appointments: open 我的预约
 * - take_ticket: take a walk-in number instead
 * - reload: load the appointment again (its status changed meanwhile)
 */
export type NextStep = 'pick_slot' | 'retry' | 'real_name' | 'appointment' | 'appointments' | 'take_ticket' | 'reload'

export interface BookingProblem {
  code: string
  text: string
  steps: NextStep[]
  /** The appointment an ALREADY_BOOKED or BOOKING_OVERLAP names. */
  reference?: string
  /** The assurance level an ASSURANCE_REQUIRED asks for (2 real name, 3 face). */
  requiredLevel?: number
  /** The slots shown may be stale: load them again. */
  refreshSlots: boolean
  /** The Idempotency-Key must not be sent again (the API tied it to another request). */
  newKey: boolean
}

const SLOT_CODES = new Set(['SLOT_FULL', 'SLOT_CLOSED', 'SLOT_NOT_RELEASED', 'BOOKING_CLOSED', 'NOT_A_WORKING_DAY'])

const LEVEL_WORDS: Record<number, string> = { 2: '实名认证', 3: '实名认证和刷脸核验' }

function problem (code: string, text: string, steps: NextStep[], extra: Partial<BookingProblem> = {}): BookingProblem {
  return { code, text, steps, refreshSlots: false, newKey: false, ...extra }
}

/** `acting`: the booking was for a relative (代办), whose level or grant the resident cannot fix here. */
export function bookingProblem (error: unknown, options: { acting?: boolean } = {}): BookingProblem {
  const text = errorText(error)
  if (!isApiError(error)) return problem('', text, ['retry'])
  const { code, details } = error
  const reference = typeof details.reference === 'string' ? details.reference : undefined

  if (SLOT_CODES.has(code)) return problem(code, text, ['pick_slot'], { refreshSlots: true })
  switch (code) {
    case 'ASSURANCE_REQUIRED': {
      const level = typeof details.required_level === 'number' ? details.required_level : 2
      const needed = LEVEL_WORDS[level] ?? '身份认证'
      if (options.acting) {
        return problem(code, `您代办的家人还需要完成${needed}，请其本人在“我的”中完成后再预约。`, [])
      }
      return problem(code, `预约这个事项需要先完成${needed}，完成后会回到这里继续预约。`, ['real_name'], { requiredLevel: level })
    }
    case 'BOOKING_BANNED':
      return problem(code, text, ['take_ticket'])
    case 'ALREADY_BOOKED':
      return problem(code, text, reference ? ['appointment'] : ['appointments'], { reference })
    case 'BOOKING_OVERLAP':
      return problem(code, text, reference ? ['pick_slot', 'appointment'] : ['pick_slot'], { reference })
    case 'TOO_MANY_BOOKINGS':
      return problem(code, text, ['appointments'])
    case 'ITEM_NOT_BOOKABLE':
      return problem(code, text, ['take_ticket'])
    case 'NOT_FOUND':
      return options.acting
        ? problem(code, '没有找到这个时段，或家人对您的代办授权已失效。请重新选择时段，或在“家人代办”中查看授权。', ['pick_slot'], { refreshSlots: true })
        : problem(code, '这个时段已不存在，请重新选择。', ['pick_slot'], { refreshSlots: true })
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'IDEMPOTENCY_KEY_REQUIRED':
      return problem(code, '提交的信息有变化，请再点一次确认。', ['retry'], { newKey: true })
    case 'CHANGE_TOO_LATE':
    case 'CHECK_IN_TOO_EARLY':
      return problem(code, text, [])
    case 'APPOINTMENT_NOT_ACTIVE':
    case 'ALREADY_CHECKED_IN':
      return problem(code, text, ['reload'])
    case 'CHECK_IN_EXPIRED':
      return problem(code, text, ['take_ticket'])
    default:
      // No answer, Redis down, 5xx, 429, or a code this page does not know: the same request may work again.
      return problem(code, text, ['retry'])
  }
}

/** The Idempotency-Key of one confirmation: the same slot for the same person keeps it, anything else gets a new one. */
export interface PendingBooking {
  slotId: number
  actingFor: number | null
  key: string
}

export function bookingKey (previous: PendingBooking | null, slotId: number, actingFor: number | null, newKey: () => string): PendingBooking {
  if (previous && previous.slotId === slotId && previous.actingFor === actingFor) return previous
  return { slotId, actingFor, key: newKey() }
}

/** The button text of each next step. */
export function stepLabel (step: NextStep, reference?: string): string {
  switch (step) {
    case 'pick_slot': return '重新选择时段'
    case 'retry': return '重新提交'
    case 'real_name': return '去实名认证'
    case 'appointment': return reference ? `查看预约 ${reference}` : '查看预约'
    case 'appointments': return '查看我的预约'
    case 'take_ticket': return '改为现场取号'
    case 'reload': return '刷新'
  }
}
