/**
 * Input helpers for the login and real-name forms. Pure: no @tarojs import.
 *
 * They shape what is typed and give hints; the server stays the judge, and its error
 * message is what the page shows when it refuses something.
 */

export const PHONE_LENGTH = 11
export const SMS_CODE_LENGTH = 6
export const ID_NUMBER_LENGTH = 18
export const NAME_MIN = 2
export const NAME_MAX = 30

const PHONE_RE = /^1[3-9]\d{9}$/
const SMS_CODE_RE = /^\d{6}$/

/** Full-width digits and letters (from Chinese keyboards) to ASCII: `１３８` -> `138`. */
export function toHalfWidth (value: string): string {
  return value.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xFEE0))
}

/** Keeps ASCII digits only (after turning full-width ones into ASCII), at most `max` of them. */
export function digitsOnly (value: string, max: number): string {
  return toHalfWidth(value).replace(/\D/g, '').slice(0, max)
}

/**
 * What the phone field keeps of what was typed or pasted: digits only, 11 at most.
 * A pasted `+86 138 0013 8000` or `0086…` loses its country code.
 */
export function normalizePhoneInput (value: string): string {
  const half = toHalfWidth(value).trim()
  let digits = half.replace(/\D/g, '')
  if (/^(\+|00)86/.test(half.replace(/\s/g, '')) || (digits.length === 13 && digits.startsWith('86'))) {
    digits = digits.replace(/^(00)?86/, '')
  }
  return digits.slice(0, PHONE_LENGTH)
}

/** A mainland mobile number in ASCII digits, as the API accepts it. */
export function isValidPhone (phone: string): boolean {
  return PHONE_RE.test(phone)
}

/** A hint under the phone field; '' when there is nothing to say. */
export function phoneHint (phone: string): string {
  if (phone === '') return ''
  if (phone.length < PHONE_LENGTH) return `请输入 ${PHONE_LENGTH} 位手机号`
  return isValidPhone(phone) ? '' : '手机号格式不正确，请检查'
}

export function normalizeCodeInput (value: string): string {
  return digitsOnly(value, SMS_CODE_LENGTH)
}

export function isValidSmsCode (code: string): boolean {
  return SMS_CODE_RE.test(code)
}

/** Digits and a final X, upper case, 18 at most: `11010519491231002x` -> `11010519491231002X`. */
export function normalizeIdNumberInput (value: string): string {
  let result = ''
  for (const ch of toHalfWidth(value).toUpperCase()) {
    if (result.length >= ID_NUMBER_LENGTH) break
    if (ch >= '0' && ch <= '9') result += ch
    // Only the 18th character may be X; an X anywhere else is dropped.
    else if (ch === 'X' && result.length === ID_NUMBER_LENGTH - 1) result += ch
  }
  return result
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK_CHARS = '10X98765432'

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar (first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK_CHARS[sum % 11]
}

function isRealDate (year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A hint under the ID field: format, birth date and check character (the server also checks the region). */
export function idNumberHint (idNumber: string, today: Date = new Date()): string {
  if (idNumber === '') return ''
  if (idNumber.length < ID_NUMBER_LENGTH) return `请输入 ${ID_NUMBER_LENGTH} 位身份证号码`
  if (!/^[1-9]\d{16}[\dX]$/.test(idNumber)) return '身份证号码格式不正确'
  const year = Number(idNumber.slice(6, 10))
  const month = Number(idNumber.slice(10, 12))
  const day = Number(idNumber.slice(12, 14))
  const born = Date.UTC(year, month - 1, day)
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())
  if (year < 1900 || !isRealDate(year, month, day) || born > todayUtc) return '身份证号码中的出生日期不正确'
  if (idCheckChar(idNumber) !== idNumber[17]) return '身份证号码校验位不正确，请核对'
  return ''
}

const NAME_DOTS = '·•・'

function isHan (codePoint: number): boolean {
  return (codePoint >= 0x4E00 && codePoint <= 0x9FFF) ||
    (codePoint >= 0x3400 && codePoint <= 0x4DBF) ||
    (codePoint >= 0x20000 && codePoint <= 0x2EBEF)
}

/** A hint under the name field (the name is trimmed before it is sent). */
export function nameHint (name: string): string {
  const trimmed = name.trim()
  if (trimmed === '') return ''
  const chars = Array.from(trimmed)
  if (chars.length < NAME_MIN || chars.length > NAME_MAX) return `姓名应为 ${NAME_MIN}–${NAME_MAX} 个字`
  const allowed = chars.every((ch) => {
    const cp = ch.codePointAt(0) ?? 0
    return isHan(cp) || NAME_DOTS.includes(ch) || ch === ' ' || /^[A-Za-z]$/.test(ch)
  })
  if (!allowed || NAME_DOTS.includes(chars[0]) || NAME_DOTS.includes(chars[chars.length - 1])) {
    return '姓名只能包含汉字、字母、空格和间隔号“·”'
  }
  return ''
}
