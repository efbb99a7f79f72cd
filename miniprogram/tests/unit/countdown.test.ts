import { describe, expect, it } from 'vitest'

import {
  canSend, countdownDeadline, deadlineAfterSend, secondsLeft, sendButtonLabel, SMS_COOLDOWN_SECONDS,
} from '../../src/utils/countdown'

const T0 = 1_700_000_000_000

describe('countdown', () => {
  it('lasts 60 seconds by default', () => {
    expect(SMS_COOLDOWN_SECONDS).toBe(60)
    const deadline = countdownDeadline(T0)
    expect(deadline).toBe(T0 + 60_000)
    expect(secondsLeft(deadline, T0)).toBe(60)
    expect(secondsLeft(deadline, T0 + 1)).toBe(60) // rounds up: never shows 0 while waiting
    expect(secondsLeft(deadline, T0 + 1000)).toBe(59)
    expect(secondsLeft(deadline, T0 + 59_001)).toBe(1)
    expect(secondsLeft(deadline, T0 + 60_000)).toBe(0)
    expect(secondsLeft(deadline, T0 + 3_600_000)).toBe(0) // never negative
  })

  it('has nothing left without a deadline', () => {
    expect(secondsLeft(null, T0)).toBe(0)
    expect(secondsLeft(undefined, T0)).toBe(0)
  })

  it('labels the button', () => {
    expect(sendButtonLabel(0)).toBe('获取验证码')
    expect(sendButtonLabel(0, true)).toBe('发送中…')
    expect(sendButtonLabel(60)).toBe('60 秒后重发')
    expect(sendButtonLabel(1)).toBe('1 秒后重发')
    expect(sendButtonLabel(119)).toBe('119 秒后重发')
    expect(sendButtonLabel(120)).toBe('2 分钟后重发')
    expect(sendButtonLabel(3599)).toBe('60 分钟后重发')
  })

  it('enables sending only for a valid phone, when idle and not counting down', () => {
    expect(canSend(0, false, true)).toBe(true)
    expect(canSend(1, false, true)).toBe(false)
    expect(canSend(0, true, true)).toBe(false)
    expect(canSend(0, false, false)).toBe(false)
  })

  it('waits what a 429 says (Retry-After / details.retry_after)', () => {
    expect(deadlineAfterSend(T0)).toBe(T0 + 60_000)
    expect(deadlineAfterSend(T0, 3600)).toBe(T0 + 3_600_000)
    expect(deadlineAfterSend(T0, 12.2)).toBe(T0 + 13_000)
    // A shorter retry time never shortens a countdown already running.
    expect(deadlineAfterSend(T0, 5, T0 + 40_000)).toBe(T0 + 40_000)
    expect(deadlineAfterSend(T0, 50, T0 + 40_000)).toBe(T0 + 50_000)
  })
})
