/**
 * The kiosk's on-screen number pad (no system keyboard): what each key does to a phone number or an
 * ID number, when the value is complete, and how it is shown while typed. Pure: no @tarojs import.
 */
import {
  ID_NUMBER_LENGTH, idNumberHint, isValidPhone, normalizeIdNumberInput, PHONE_LENGTH, phoneHint,
} from './validators'

export type PadMode = 'phone' | 'id'

/** A key of the pad: a digit, X (ID numbers only), 删除 or 清空. */
export type PadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'X' | 'del' | 'clear'

const DIGITS: PadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9']

/** The keys in pad order, three a row: 1–9, then X (ID) or 清空 (phone), 0, 删除; ID mode adds 清空 last. */
export function padKeys (mode: PadMode): PadKey[] {
  return mode === 'id' ? [...DIGITS, 'X', '0', 'del', 'clear'] : [...DIGITS, 'clear', '0', 'del']
}

export function padKeyLabel (key: PadKey): string {
  if (key === 'del') return '删除'
  if (key === 'clear') return '清空'
  return key
}

/** What the key's button says to a screen reader. */
export function padKeyAria (key: PadKey): string {
  if (key === 'del') return '删除一位'
  if (key === 'clear') return '全部清空'
  if (key === 'X') return '字母X'
  return `数字${key}`
}

export function padMax (mode: PadMode): number {
  return mode === 'id' ? ID_NUMBER_LENGTH : PHONE_LENGTH
}

/** The value after a key: digits up to the length, X only as an ID number's 18th character. */
export function pressKey (value: string, key: PadKey, mode: PadMode): string {
  if (key === 'del') return value.slice(0, -1)
  if (key === 'clear') return ''
  if (key === 'X' && mode !== 'id') return value
  if (value.length >= padMax(mode)) return value
  const next = value + key
  return mode === 'id' ? normalizeIdNumberInput(next) : next.replace(/\D/g, '')
}

/** Whether X can be pressed now (an ID number with 17 characters). */
export function canPressX (value: string, mode: PadMode): boolean {
  return mode === 'id' && value.length === ID_NUMBER_LENGTH - 1
}

/** Complete and well-formed: the 确定 button works. */
export function padReady (value: string, mode: PadMode): boolean {
  if (mode === 'phone') return isValidPhone(value)
  return value.length === ID_NUMBER_LENGTH && idNumberHint(value) === ''
}

/** What is wrong (or still missing) in plain words; '' when nothing. */
export function padHint (value: string, mode: PadMode): string {
  return mode === 'phone' ? phoneHint(value) : idNumberHint(value)
}

/** Grouped as people read them: `138 0013 8000`, `110105 19491231 002X`. */
export function padDisplay (value: string, mode: PadMode): string {
  const groups = mode === 'phone' ? [3, 4, 4] : [6, 8, 4]
  const parts: string[] = []
  let at = 0
  for (const size of groups) {
    if (at >= value.length) break
    parts.push(value.slice(at, at + size))
    at += size
  }
  return parts.join(' ')
}

export function padTitle (mode: PadMode): string {
  return mode === 'phone' ? '请输入手机号' : '请输入身份证号码'
}
