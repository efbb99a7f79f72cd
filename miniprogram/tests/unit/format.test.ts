import { describe, expect, it } from 'vitest'

import { describeClient, formatDateTime, levelActionLabel, levelLabel, loginMethodLabel } from '../../src/utils/format'

describe('levelLabel', () => {
  it('names each assurance level in words', () => {
    expect(levelLabel(0)).toBe('L0 未验证手机')
    expect(levelLabel(1)).toBe('L1 已验证手机')
    expect(levelLabel(2)).toBe('L2 已实名')
    expect(levelLabel(3)).toBe('L3 已刷脸核验')
    expect(levelLabel(9)).toBe('L9')
  })

  it('offers the next step up, and nothing at L3', () => {
    expect(levelActionLabel(0)).toBe('验证手机号')
    expect(levelActionLabel(1)).toBe('去实名认证')
    expect(levelActionLabel(2)).toBe('刷脸核验')
    expect(levelActionLabel(3)).toBe('')
  })
})

describe('sessions', () => {
  it('names login methods', () => {
    expect(loginMethodLabel('sms')).toBe('短信验证码')
    expect(loginMethodLabel('wechat')).toBe('微信')
    expect(loginMethodLabel('alipay')).toBe('支付宝')
    expect(loginMethodLabel('link_phone')).toBe('手机号验证')
    expect(loginMethodLabel('other')).toBe('other')
  })

  it('describes a device from its User-Agent', () => {
    expect(describeClient('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.40')).toBe('iPhone · 微信')
    expect(describeClient('Mozilla/5.0 (Linux; Android 14; Pixel) AlipayClient/10.5')).toBe('安卓手机 · 支付宝')
    expect(describeClient('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120')).toBe('Windows 电脑')
    expect(describeClient('curl/8.0')).toBe('未知设备')
    expect(describeClient('')).toBe('未知设备')
  })

  it('formats times in local time, and leaves non-dates alone', () => {
    const iso = new Date(2026, 2, 5, 14, 7).toISOString()
    expect(formatDateTime(iso)).toBe('2026-03-05 14:07')
    expect(formatDateTime('not a date')).toBe('not a date')
    expect(formatDateTime(null)).toBe('')
  })
})
