/** How identity data is shown to residents. Pure: no @tarojs import. */

export const LEVEL_WORDS: Record<number, string> = {
  0: '未验证手机',
  1: '已验证手机',
  2: '已实名',
  3: '已刷脸核验',
}

/** `L1 已验证手机`; an unknown level still shows its number. */
export function levelLabel (level: number): string {
  const words = LEVEL_WORDS[level]
  return words ? `L${level} ${words}` : `L${level}`
}

/** What the resident can do next to raise their level, as a button label; '' at L3. */
export function levelActionLabel (level: number): string {
  if (level < 1) return '验证手机号'
  if (level < 2) return '去实名认证'
  if (level < 3) return '刷脸核验'
  return ''
}

const METHOD_WORDS: Record<string, string> = {
  sms: '短信验证码',
  wechat: '微信',
  alipay: '支付宝',
  link_phone: '手机号验证',
}

export function loginMethodLabel (method: string): string {
  return METHOD_WORDS[method] ?? method
}

/** A short device name from the User-Agent the API recorded for a session. */
export function describeClient (client: string): string {
  const ua = client || ''
  let where = ''
  if (/MicroMessenger/i.test(ua)) where = '微信'
  else if (/AlipayClient/i.test(ua)) where = '支付宝'
  let device = ''
  if (/iPhone|iPad|iPod/i.test(ua)) device = 'iPhone'
  else if (/HarmonyOS|OpenHarmony/i.test(ua)) device = '鸿蒙设备'
  else if (/Android/i.test(ua)) device = '安卓手机'
  else if (/Windows/i.test(ua)) device = 'Windows 电脑'
  else if (/Macintosh|Mac OS X/i.test(ua)) device = 'Mac 电脑'
  else if (/Linux/i.test(ua)) device = 'Linux 电脑'
  const name = [device, where].filter(Boolean).join(' · ')
  return name || '未知设备'
}

function pad (n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** `2026-03-05 14:07` in the device's time zone; the input as is when it is not a date. */
export function formatDateTime (iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}
