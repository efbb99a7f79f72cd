/**
 * Shapes of the public catalog API's JSON (api/schemas/catalog.py; snake_case, as sent).
 * None of these endpoints needs a login.
 */

/** A paged list: `?page=&page_size=` in, this out. */
export interface Page<T> {
  items: T[]
  total: number
  /** The list counted only up to a limit and there are more: `total` is that limit (1000+). */
  total_capped: boolean
  page: number
  page_size: number
}

/** One line of `GET /api/v1/items`. */
export interface ItemSummary {
  code: string
  name: string
  sub_item: string | null
  /** The department's name. */
  department: string
  /** `personal` (个人) or `legal_person` (法人). */
  audience: string
  themes: string[]
  /** `immediate` (即办件) or `promised` (承诺件). */
  processing_type: string
  /** Working days; 0 for 即办件. */
  promised_days: number
  /** On-site visits: 0 fully online, 1 最多跑一次, 2. */
  visits: number
  online: boolean
  appointment: boolean
  /** 1 phone, 2 real name, 3 face. */
  assurance_level: number
}

export interface FeeLine {
  name: string
  amount_fen: number
  basis?: string | null
}

/** `{free: true, lines: []}` is 不收费. */
export interface Fee {
  free: boolean
  lines: FeeLine[]
}

export interface Step {
  name: string
  description?: string | null
}

/** 特别程序 (e.g. 现场核查, 专家评审). */
export interface SpecialProcedure {
  name: string
  days: number
  counts_toward_limit: boolean
  basis?: string | null
}

export interface Faq {
  q: string
  a: string
}

/** One line of the 一次性告知 list. */
export interface Material {
  name: string
  count: number
  /** `original` 原件, `copy` 复印件, `electronic` 电子. */
  form: string
  source: string | null
  /** false: only in the situation `condition` (情形) describes. */
  required: boolean
  condition: string | null
  notes: string | null
  sample_url: string | null
}

/** A hall and queue line that handles the item. */
export interface HandledAt {
  hall_id: number
  hall: string
  /** Queue category prefix, e.g. A. */
  category: string
  category_name: string
}

/** `GET /api/v1/items/{code}`: the full 办事指南. */
export interface ItemGuide extends ItemSummary {
  department_code: string
  keywords: string[]
  legal_basis: string
  legal_days: number
  fee: Fee
  conditions: string[]
  steps: Step[]
  special_procedures: SpecialProcedure[]
  faq: Faq[]
  consult_phone: string | null
  complaint_phone: string | null
  materials: Material[]
  handled_at: HandledAt[]
  published_at: string | null
}

/** Opening hours as `[["09:00", "12:00"], ["13:30", "17:00"]]`. */
export type Hours = string[][]

/** One line of `GET /api/v1/halls`. */
export interface Hall {
  id: number
  code: string
  name: string
  region: string
  address: string
  latitude: number | null
  longitude: number | null
  timezone: string
  phone: string | null
  /** The hall's date in its timezone, `YYYY-MM-DD`. */
  today: string
  today_hours: Hours
  open_now: boolean
  /** Metres from `near`, when it was given. */
  distance_m?: number | null
}

export interface HallList {
  items: Hall[]
  total: number
}

export interface QueueCategory {
  prefix: string
  name: string
  /** Item codes the line handles. */
  items: string[]
}

export interface HallWindow {
  number: string
  /** 无障碍/爱心窗口. */
  accessible: boolean
  categories: string[]
}

export interface SpecialDay {
  date: string
  hours: Hours
  note?: string | null
}

/** `GET /api/v1/halls/{id}`. */
export interface HallDetail extends Hall {
  /** mon…sun -> hours. */
  hours: Record<string, Hours>
  closed_days: string[]
  special_days: SpecialDay[]
  categories: QueueCategory[]
  windows: HallWindow[]
}

/** What the item search sends. */
export interface ItemSearch {
  q?: string
  theme?: string
  page?: number
  page_size?: number
}
