/**
 * An item's online application form: its definition (the item's `application_form`,
 * docs/catalog.md#application-forms), the values the page edits, the same checks as the server
 * (app/services/application_forms.py) with Chinese messages, and the answers to send.
 * Pure: no @tarojs import.
 *
 * The server stays the judge; these checks let the resident see a problem as they type, and
 * its 400 `VALIDATION_ERROR` is mapped back onto the fields (serverProblems).
 */
import { idNumberHint, phoneHint, toHalfWidth } from './validators'

export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'phone', 'id_number', 'address', 'checkbox'] as const
export type FieldType = typeof FIELD_TYPES[number]

export interface FieldOption {
  value: string
  label: string
}

/** One field with every option filled in (the server's defaults for those left out). */
export interface FormField {
  name: string
  label: string
  type: FieldType
  required: boolean
  help: string
  /** text */
  maxLength: number
  multiline: boolean
  /** number */
  min: number | null
  max: number | null
  integer: boolean
  /** date: `YYYY-MM-DD` or `today` */
  notBefore: string | null
  notAfter: string | null
  /** select */
  options: FieldOption[]
  multiple: boolean
}

/** An address as edited: the 行政区划代码 (optional, kept from a draft) and the detail. */
export interface AddressValue {
  region: string
  detail: string
}

/**
 * What an input holds: text for text, number (as typed), date, single select, phone and ID;
 * a list for a multiple select; an address; a boolean for a checkbox.
 */
export type FieldValue = string | string[] | boolean | AddressValue
export type FormValues = Record<string, FieldValue>
/** Answers as the API takes and gives them (`form`). */
export type Answers = Record<string, unknown>

export interface CheckOptions {
  /** The date `today` bounds mean, `YYYY-MM-DD`. */
  today: string
  /** A draft being saved: required fields may still be empty. */
  partial: boolean
}

export const DEFAULT_TEXT_LENGTH = 200
export const ADDRESS_DETAIL_MAX = 200
/** The API's limit on one uploaded file (MAX_UPLOAD_BYTES, 8 MiB). */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024
/** At most 15 digits, like the server (JavaScript keeps every one). */
const MAX_NUMBER = 999999999999999
const TODAY = 'today'

// --- the definition ------------------------------------------------------------------------------

function isRecord (value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value)
}

function finiteOrNull (value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function parseOptions (value: unknown): FieldOption[] {
  if (!Array.isArray(value)) return []
  return value.filter(isRecord)
    .filter((o) => typeof o.value === 'string' && typeof o.label === 'string')
    .map((o) => ({ value: o.value as string, label: o.label as string }))
}

/**
 * The fields of an item's `application_form`. The published form is already checked by the server;
 * an entry this app cannot show (an unknown type, no name) is left out rather than break the page.
 */
export function parseDefinition (raw: unknown): FormField[] {
  if (!Array.isArray(raw)) return []
  const fields: FormField[] = []
  const seen = new Set<string>()
  for (const entry of raw) {
    if (!isRecord(entry)) continue
    const { name, label, type } = entry
    if (typeof name !== 'string' || name === '' || seen.has(name)) continue
    if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) continue
    seen.add(name)
    const maxLength = entry.max_length
    fields.push({
      name,
      label: typeof label === 'string' && label !== '' ? label : name,
      type: type as FieldType,
      required: entry.required === true,
      help: typeof entry.help === 'string' ? entry.help : '',
      maxLength: typeof maxLength === 'number' && Number.isInteger(maxLength) && maxLength > 0 ? maxLength : DEFAULT_TEXT_LENGTH,
      multiline: entry.multiline === true,
      min: finiteOrNull(entry.min),
      max: finiteOrNull(entry.max),
      integer: entry.integer === true,
      notBefore: typeof entry.not_before === 'string' ? entry.not_before : null,
      notAfter: typeof entry.not_after === 'string' ? entry.not_after : null,
      options: parseOptions(entry.options),
      multiple: entry.multiple === true,
    })
  }
  return fields
}

// --- values --------------------------------------------------------------------------------------

export function emptyValue (field: FormField): FieldValue {
  if (field.type === 'checkbox') return false
  if (field.type === 'address') return { region: '', detail: '' }
  if (field.type === 'select' && field.multiple) return []
  return ''
}

/** Phone and ID answers come back masked (`138****8000`): the server keeps the real one. */
export function isMaskedAnswer (field: FormField, answer: unknown): boolean {
  return (field.type === 'phone' || field.type === 'id_number') && typeof answer === 'string' && answer.includes('*')
}

/** The names of the fields whose saved answer is masked. */
export function maskedFields (fields: readonly FormField[], answers: Answers): Set<string> {
  return new Set(fields.filter((f) => isMaskedAnswer(f, answers[f.name])).map((f) => f.name))
}

function asString (value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** What an input shows for a saved answer. */
export function valueFromAnswer (field: FormField, answer: unknown): FieldValue {
  if (answer === undefined || answer === null) return emptyValue(field)
  switch (field.type) {
    case 'checkbox':
      return answer === true
    case 'number':
      return typeof answer === 'number' && Number.isFinite(answer) ? String(answer) : asString(answer)
    case 'address':
      return isRecord(answer) ? { region: asString(answer.region), detail: asString(answer.detail) } : emptyValue(field)
    case 'select':
      if (field.multiple) return Array.isArray(answer) ? answer.filter((v): v is string => typeof v === 'string') : []
      return asString(answer)
    default:
      return asString(answer)
  }
}

/** The values of every field: the saved answers, empty where there are none. */
export function initialValues (fields: readonly FormField[], answers: Answers = {}): FormValues {
  const values: FormValues = {}
  for (const field of fields) values[field.name] = valueFromAnswer(field, answers[field.name])
  return values
}

// --- cleaning what was typed ----------------------------------------------------------------------

/**
 * Characters Python's str.isprintable() refuses, which the server rejects in text: controls,
 * format characters (zero-width, direction marks), separators other than the plain space,
 * private use and lone surrogates. Written as ranges so no engine needs \p{…}.
 */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u001F\u007F-\u00A0\u00AD\u0600-\u0605\u061C\u06DD\u070F\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u206F\u3000\uD800-\uF8FF\uFEFF\uFFF9-\uFFFB]/

/** Lone surrogates are refused; a proper pair (an emoji, a rare 汉字) is fine. */
function withoutPairs (text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, 'x')
}

function hasUnprintable (text: string): boolean {
  return NOT_PRINTABLE.test(withoutPairs(text))
}

/**
 * Text as it is sent: Windows line ends made plain, the full-width and no-break spaces Chinese
 * keyboards type made plain spaces (the server refuses them), trimmed.
 */
export function cleanText (text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u3000\u00A0]/g, ' ').trim()
}

function length (text: string): number {
  return Array.from(text).length
}

/** A number as typed (full-width digits and thousands commas allowed), or null when it is not one. */
export function parseNumber (text: string): number | null {
  const t = toHalfWidth(text).trim().replace(/[,，]/g, '')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

/** Today as `YYYY-MM-DD` in the device's time zone. */
export function localDay (now: Date = new Date()): string {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

function isDay (value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** A date bound as a day: `today` is today; a bound that is not a date is no bound. */
export function resolveBound (bound: string | null, today: string): string | null {
  if (bound === TODAY) return today
  return bound !== null && isDay(bound) ? bound : null
}

// --- checking ------------------------------------------------------------------------------------

/** Whether an input holds nothing (what the server leaves out of the answers). */
export function isBlank (field: FormField, value: FieldValue): boolean {
  if (typeof value === 'boolean') return field.type === 'checkbox' ? false : !value
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'string') return cleanText(value) === ''
  return cleanText(value.region) === '' && cleanText(value.detail) === ''
}

function requiredMessage (field: FormField): string {
  if (field.type === 'checkbox') return '请勾选后继续'
  if (field.type === 'select') return '请选择'
  if (field.type === 'date') return '请选择日期'
  return '此项必填'
}

/** A bound in words: `今天`, or the date. */
function boundWords (day: string, bound: string | null): string {
  return bound === TODAY ? '今天' : ` ${day} `
}

function checkText (field: FormField, text: string): string {
  const clean = cleanText(text)
  if (!field.multiline && clean.includes('\n')) return '不能换行'
  if (length(clean) > field.maxLength) return `不能超过 ${field.maxLength} 个字（现在 ${length(clean)} 个）`
  if (hasUnprintable(field.multiline ? clean.replace(/\n/g, '') : clean)) return '含有无法识别的特殊字符，请删除后再试'
  return ''
}

function numberRangeText (field: FormField): string {
  const { min, max } = field
  if (min !== null && max !== null) return `请输入 ${min} 到 ${max} 之间的${field.integer ? '整数' : '数'}`
  if (min !== null) return `不能小于 ${min}`
  if (max !== null) return `不能大于 ${max}`
  return '数字太大，最多 15 位'
}

function checkNumber (field: FormField, text: string): string {
  const n = parseNumber(text)
  if (n === null) return '请输入数字'
  if (field.integer && !Number.isInteger(n)) return '请输入整数'
  const low = field.min ?? -MAX_NUMBER
  const high = field.max ?? MAX_NUMBER
  if (n < low || n > high) return numberRangeText(field)
  return ''
}

function checkDate (field: FormField, value: string, today: string): string {
  if (!isDay(value)) return '请选择正确的日期'
  const early = resolveBound(field.notBefore, today)
  const late = resolveBound(field.notAfter, today)
  if ((early && value < early) || (late && value > late)) {
    const from = early ? boundWords(early, field.notBefore) : ''
    const to = late ? boundWords(late, field.notAfter) : ''
    if (early && late) return `请选择${from}到${to}之间的日期`.replace(/\s+/g, ' ').trim()
    return (early ? `不能早于${from}` : `不能晚于${to}`).trim()
  }
  return ''
}

function checkSelect (field: FormField, value: string | string[]): string {
  const values = new Set(field.options.map((o) => o.value))
  if (!field.multiple) return typeof value === 'string' && values.has(value) ? '' : '请从选项中选择'
  const chosen = Array.isArray(value) ? value : [value]
  const known = chosen.every((v) => values.has(v)) && new Set(chosen).size === chosen.length
  return known ? '' : '请从选项中选择'
}

// Province-level codes (GB/T 2260), plus 83 for residence permits of Taiwan residents: as app/validators.py.
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
])

function checkIdNumber (value: string, today: string): string {
  if (/^[1-9]\d{16}[\dX]$/.test(value) && !PROVINCES.has(value.slice(0, 2))) return '身份证号码前两位不是有效的省份代码'
  const [y, m, d] = today.split('-').map(Number)
  return idNumberHint(value, new Date(y, m - 1, d))
}

const REGION_CODE_RE = /^\d{6}(\d{3}){0,2}$/

function checkAddress (value: AddressValue): string {
  const region = value.region.trim()
  if (region !== '' && !REGION_CODE_RE.test(region)) return '所在区域代码不正确'
  const detail = cleanText(value.detail)
  if (detail === '') return '请填写详细地址'
  if (detail.includes('\n')) return '详细地址不能换行'
  if (length(detail) > ADDRESS_DETAIL_MAX) return `详细地址不能超过 ${ADDRESS_DETAIL_MAX} 个字`
  if (hasUnprintable(detail)) return '详细地址含有无法识别的特殊字符，请删除后再试'
  return ''
}

/**
 * What is wrong with one field's value, in plain Chinese; '' when it is fine. A masked phone or ID
 * number left as it was is fine: the server holds the real one.
 */
export function checkField (field: FormField, value: FieldValue, options: CheckOptions, masked = false): string {
  const unanswered = isBlank(field, value) || (field.type === 'checkbox' && value === false)
  if (unanswered) return field.required && !options.partial ? requiredMessage(field) : ''
  if (masked && (field.type === 'phone' || field.type === 'id_number')) return ''
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? checkText(field, value) : '请填写文字'
    case 'number':
      return typeof value === 'string' ? checkNumber(field, value) : '请输入数字'
    case 'date':
      return typeof value === 'string' ? checkDate(field, value, options.today) : '请选择正确的日期'
    case 'select':
      return typeof value === 'string' || Array.isArray(value) ? checkSelect(field, value) : '请从选项中选择'
    case 'phone':
      return typeof value === 'string' ? phoneHint(value) : '手机号格式不正确，请检查'
    case 'id_number':
      return typeof value === 'string' ? checkIdNumber(value, options.today) : '身份证号码格式不正确'
    case 'address':
      return typeof value === 'object' && !Array.isArray(value) ? checkAddress(value) : '请填写详细地址'
    case 'checkbox':
      return ''
  }
}

/** Every field's problem, keyed by field name (only the fields with one). */
export function checkForm (
  fields: readonly FormField[], values: FormValues, options: CheckOptions, masked: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const field of fields) {
    const message = checkField(field, values[field.name] ?? emptyValue(field), options, masked.has(field.name))
    if (message) problems[field.name] = message
  }
  return problems
}

// --- answers to send -----------------------------------------------------------------------------

/** The answer the API takes for a value; null when the field is left empty. */
export function toAnswer (field: FormField, value: FieldValue): unknown {
  if (field.type === 'checkbox') return value === true
  if (isBlank(field, value)) return null
  if (Array.isArray(value)) return [...value]
  if (typeof value === 'object' && typeof value !== 'boolean') {
    const region = value.region.trim()
    return region ? { region, detail: cleanText(value.detail) } : { detail: cleanText(value.detail) }
  }
  const text = String(value)
  switch (field.type) {
    case 'number':
      return parseNumber(text) ?? text.trim()
    case 'text':
      return cleanText(text)
    case 'id_number':
      return text.trim().toUpperCase()
    default:
      return text.trim()
  }
}

function same (a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]))
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] != null || b[k] != null))
    return [...keys].every((k) => same(a[k] ?? null, b[k] ?? null))
  }
  return false
}

/**
 * The `form` of a create or PATCH body: every answer that differs from what the server holds
 * (`saved`), and null for one the resident emptied. A masked phone or ID number left as it was is
 * not sent: the server keeps the real one. For a new draft `saved` is `{}`.
 */
export function formChanges (
  fields: readonly FormField[], values: FormValues, saved: Answers, masked: ReadonlySet<string> = new Set(),
): Answers {
  const changes: Answers = {}
  for (const field of fields) {
    const name = field.name
    if (masked.has(name)) continue
    const answer = toAnswer(field, values[name] ?? emptyValue(field))
    const before = saved[name] ?? null
    if (field.type === 'checkbox') {
      if (answer !== (before === true)) changes[name] = answer
    } else if (answer === null) {
      if (before !== null) changes[name] = null
    } else if (!same(answer, before)) {
      changes[name] = answer
    }
  }
  return changes
}

// --- materials -----------------------------------------------------------------------------------

export interface MaterialLine {
  name: string
  required: boolean
  upload: boolean
  files: number
}

/** The required upload lines without a file yet. */
export function missingUploads (lines: readonly MaterialLine[]): string[] {
  return lines.filter((l) => l.upload && l.required && l.files === 0).map((l) => l.name)
}

export interface PickedFile {
  size?: number
  /** The name as picked (H5, chat files); mini-program photos have none. */
  name?: string
  /** A MIME type when the platform gives one. */
  type?: string
}

const ACCEPTED_EXTENSIONS = ['jpg', 'jpeg', 'png', 'pdf']
const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'application/pdf']

/** Why a picked file cannot be sent ('' when it can): the server's limits, said before the upload. */
export function pickedFileProblem (file: PickedFile, maxBytes = MAX_UPLOAD_BYTES): string {
  if (file.size !== undefined && file.size <= 0) return '这个文件是空的，请重新选择'
  if (file.size !== undefined && file.size > maxBytes) return `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩或拍得小一些再上传`
  const extension = (file.name ?? '').split('.').pop()?.toLowerCase() ?? ''
  const typeKnown = !!file.type && ACCEPTED_TYPES.includes(file.type)
  const nameKnown = !!file.name && file.name.includes('.') && ACCEPTED_EXTENSIONS.includes(extension)
  if ((file.type && !typeKnown && !nameKnown) || (!file.type && file.name && file.name.includes('.') && !nameKnown)) {
    return '只能上传 JPG、PNG 照片或 PDF 文件'
  }
  return ''
}

/** `350 KB`, `1.2 MB`. */
export function fileSizeText (bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

// --- the server's answer to a save or submit -------------------------------------------------------

const SERVER_MESSAGES: [RegExp, string][] = [
  [/^This field is required\./, '此项必填'],
  [/^Must be ticked/, '请勾选后继续'],
  [/^Unknown field/, '表单已更新，请刷新页面后重新填写'],
  [/^Must be a mainland mobile number/, '手机号格式不正确，请检查'],
  [/^Must be an 18-character/, '身份证号码格式不正确'],
  [/first two digits/, '身份证号码前两位不是有效的省份代码'],
  [/birth date/, '身份证号码中的出生日期不正确'],
  [/last character does not match/, '身份证号码校验位不正确，请核对'],
  [/^Must be a date/, '日期不在允许的范围内'],
  [/^Must be (a|a whole) number/, '数字不在允许的范围内'],
  [/printable characters/, '内容过长或含有无法识别的特殊字符'],
  [/^Must be (one of|a list of some of)/, '请从选项中选择'],
]

/** A field message of the API (English) in plain Chinese. */
export function serverFieldMessage (message: string): string {
  for (const [pattern, words] of SERVER_MESSAGES) if (pattern.test(message)) return words
  return '填写有误，请检查'
}

export interface ServerProblems {
  /** By field name. */
  fields: Record<string, string>
  /** Required upload lines without a file. */
  materials: string[]
  /** Anything else, already in Chinese. */
  other: string[]
}

/**
 * `details.fields` of a 400 on save or submit, put where the resident can act on it: `form.<name>`
 * (and an address's `form.<name>.detail`) on the field; `materials` ("Upload at least one file for:
 * A, B.") as the lines still to upload.
 */
export function serverProblems (details: Record<string, unknown>, fields: readonly FormField[]): ServerProblems {
  const result: ServerProblems = { fields: {}, materials: [], other: [] }
  const byPath = isRecord(details.fields) ? details.fields : {}
  const names = new Set(fields.map((f) => f.name))
  for (const [path, raw] of Object.entries(byPath)) {
    const messages = Array.isArray(raw) ? raw.filter((m): m is string => typeof m === 'string') : []
    const first = messages[0] ?? ''
    const match = /^form\.([a-z0-9_]+)(\.|$)/.exec(path)
    if (match && names.has(match[1])) {
      result.fields[match[1]] ??= serverFieldMessage(first)
    } else if (path === 'materials') {
      const list = /:\s*(.+?)\.?$/.exec(first)
      result.materials.push(...(list ? list[1].split(', ').map((s) => s.trim()).filter(Boolean) : []))
    } else {
      result.other.push(serverFieldMessage(first))
    }
  }
  return result
}
