/**
 * The "获取验证码" button's countdown, as pure functions of a deadline and the clock.
 *
 * The page stores only the deadline (ms since epoch) and re-renders every second; keeping
 * a deadline instead of decrementing a counter stays right when timers are throttled
 * (background tabs, a mini-program sent to the background).
 */

export const SMS_COOLDOWN_SECONDS = 60

/** The deadline for waiting `seconds` from `nowMs`. */
export function countdownDeadline (nowMs: number, seconds: number = SMS_COOLDOWN_SECONDS): number {
  return nowMs + Math.max(0, Math.ceil(seconds)) * 1000
}

/** Whole seconds left until `deadlineMs` (rounded up), never negative; 0 when there is no deadline. */
export function secondsLeft (deadlineMs: number | null | undefined, nowMs: number): number {
  if (!deadlineMs) return 0
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000))
}

/** What the send button says. Long waits (an hourly or daily limit) are shown in minutes. */
export function sendButtonLabel (left: number, sending = false): string {
  if (sending) return '发送中…'
  if (left <= 0) return '获取验证码'
  if (left >= 120) return `${Math.ceil(left / 60)} 分钟后重发`
  return `${left} 秒后重发`
}

/** Whether the send button can be pressed. */
export function canSend (left: number, sending: boolean, phoneValid: boolean): boolean {
  return !sending && left <= 0 && phoneValid
}

/**
 * The deadline after a send attempt: a successful send waits the normal 60 s; a refusal with
 * a retry time (429 SMS_TOO_FREQUENT) waits that long (but at least until any deadline already set).
 */
export function deadlineAfterSend (nowMs: number, retryAfter?: number, current?: number | null): number {
  const wanted = countdownDeadline(nowMs, retryAfter ?? SMS_COOLDOWN_SECONDS)
  return current && current > wanted ? current : wanted
}
