/**
 * The supervisor dashboard's numbers (docs/supervision.md, "Statistics"): the groupings and date range
 * of `GET /api/v1/stats/overview`, the totals over its rows, and the series each chart and its table
 * show. Pure: no @tarojs import.
 */

export type Grouping = 'department' | 'hall' | 'window' | 'item' | 'day'

export const GROUPINGS: { key: Grouping, label: string }[] = [
  { key: 'department', label: '按部门' },
  { key: 'hall', label: '按大厅' },
  { key: 'window', label: '按窗口' },
  { key: 'item', label: '按事项' },
  { key: 'day', label: '按日期' },
]

export const DEFAULT_RANGE_DAYS = 30
export const MAX_RANGE_DAYS = 366

/** The rows as the API gives them (only what is read here). */
export interface Row {
  key: string
  label: string
  tickets: {
    issued: number
    served: number
    no_show: number
    avg_wait_minutes: number | null
    p90_wait_minutes: number | null
    avg_service_minutes: number | null
  }
  applications: { submitted: number, concluded: number, on_time: number, on_time_rate: number | null } | null | Record<string, never>
  ratings: {
    count: number
    satisfied: number
    satisfaction_rate: number | null
    bad: number
    bad_closed: number
    bad_closure_rate: number | null
  }
}

function applicationsOf (row: Row): { submitted: number, concluded: number, on_time: number, on_time_rate: number | null } | null {
  const apps = row.applications
  if (!apps || !('concluded' in apps)) return null
  return apps as { submitted: number, concluded: number, on_time: number, on_time_rate: number | null }
}

// --- Dates ---------------------------------------------------------------------------------------------

function utcDate (text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? date : null
}

/** `YYYY-MM-DD` plus `days` (negative: before). */
export function addDays (day: string, days: number): string {
  const date = utcDate(day)
  if (!date) return day
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The 30 days up to today, as the API's default. */
export function defaultRange (today: string): { from: string, to: string } {
  return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today }
}

/** The problem with a range before asking (the API says the same with a 400), or ''. */
export function rangeProblem (from: string, to: string): string {
  const start = from === '' ? null : utcDate(from)
  const end = to === '' ? null : utcDate(to)
  if (from !== '' && !start) return '开始日期格式应为 年-月-日，例如 2026-11-01'
  if (to !== '' && !end) return '结束日期格式应为 年-月-日，例如 2026-11-30'
  if (start && end) {
    if (end < start) return '结束日期不能早于开始日期'
    const days = Math.round((end.getTime() - start.getTime()) / 86400000) + 1
    if (days > MAX_RANGE_DAYS) return `一次最多统计 ${MAX_RANGE_DAYS} 天`
  }
  return ''
}

// --- Numbers -------------------------------------------------------------------------------------------

/** `83.3%` for 0.8333; '—' when there is nothing to divide. */
export function rateText (rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

/** `12.5 分钟`; '—' when no ticket counts. */
export function minutesText (minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—'
  return `${Math.round(minutes * 10) / 10} 分钟`
}

export interface Totals {
  issued: number
  served: number
  noShow: number
  submitted: number
  concluded: number
  onTime: number
  /** null when nothing concluded, or the grouping carries no applications (hall, window). */
  onTimeRate: number | null
  ratings: number
  satisfied: number
  satisfactionRate: number | null
  bad: number
  badClosed: number
  badClosureRate: number | null
  /** Whether the grouping counts applications at all. */
  hasApplications: boolean
}

function share (part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/**
 * The sums over the rows and the rates of the sums (not the mean of the rows' rates). A grouping leaves some
 * rows out (tickets without an item by department), so the totals are those of the grouping shown.
 */
export function totals (rows: readonly Row[]): Totals {
  const t: Totals = {
    issued: 0, served: 0, noShow: 0, submitted: 0, concluded: 0, onTime: 0, onTimeRate: null,
    ratings: 0, satisfied: 0, satisfactionRate: null, bad: 0, badClosed: 0, badClosureRate: null, hasApplications: false,
  }
  for (const row of rows) {
    t.issued += row.tickets.issued
    t.served += row.tickets.served
    t.noShow += row.tickets.no_show
    const apps = applicationsOf(row)
    if (apps) {
      t.hasApplications = true
      t.submitted += apps.submitted
      t.concluded += apps.concluded
      t.onTime += apps.on_time
    }
    t.ratings += row.ratings.count
    t.satisfied += row.ratings.satisfied
    t.bad += row.ratings.bad
    t.badClosed += row.ratings.bad_closed
  }
  t.onTimeRate = share(t.onTime, t.concluded)
  t.satisfactionRate = share(t.satisfied, t.ratings)
  t.badClosureRate = share(t.badClosed, t.bad)
  return t
}

// --- Charts and their tables -----------------------------------------------------------------------------

export type ChartKind = 'volumes' | 'waits' | 'onTime' | 'satisfaction'

export interface Series {
  label: string
  values: (number | null)[]
  /** The cell text of each value in the table. */
  cells: string[]
}

export interface ChartSpec {
  kind: ChartKind
  title: string
  /** What the y axis counts: 件 / 分钟 / %. */
  unit: string
  labels: string[]
  series: Series[]
}

export const CHART_TITLES: Record<ChartKind, string> = {
  volumes: '业务量',
  waits: '等候与办理时间',
  onTime: '按时办结率',
  satisfaction: '好差评满意度',
}

function countSeries (label: string, values: number[]): Series {
  return { label, values, cells: values.map(String) }
}

function minuteSeries (label: string, values: (number | null)[]): Series {
  return { label, values, cells: values.map(minutesText) }
}

/** Rates as percentages on the chart (0-100, one decimal). */
function rateSeries (label: string, values: (number | null)[]): Series {
  return {
    label,
    values: values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
    cells: values.map(rateText),
  }
}

/** The labels, the series and their table cells of one chart. */
export function chartSpec (kind: ChartKind, rows: readonly Row[]): ChartSpec {
  const labels = rows.map((row) => row.label)
  const base = { kind, title: CHART_TITLES[kind], labels }
  if (kind === 'volumes') {
    const series = [
      countSeries('取号', rows.map((r) => r.tickets.issued)),
      countSeries('办结（窗口）', rows.map((r) => r.tickets.served)),
    ]
    if (rows.some((r) => applicationsOf(r) !== null)) {
      series.push(countSeries('办件提交', rows.map((r) => applicationsOf(r)?.submitted ?? 0)))
      series.push(countSeries('办件办结', rows.map((r) => applicationsOf(r)?.concluded ?? 0)))
    }
    return { ...base, unit: '件', series }
  }
  if (kind === 'waits') {
    return {
      ...base,
      unit: '分钟',
      series: [
        minuteSeries('平均等候', rows.map((r) => r.tickets.avg_wait_minutes)),
        minuteSeries('90% 等候不超过', rows.map((r) => r.tickets.p90_wait_minutes)),
        minuteSeries('平均办理', rows.map((r) => r.tickets.avg_service_minutes)),
      ],
    }
  }
  if (kind === 'onTime') {
    return {
      ...base,
      unit: '%',
      series: [
        rateSeries('按时办结率', rows.map((r) => applicationsOf(r)?.on_time_rate ?? null)),
        countSeries('办结件数', rows.map((r) => applicationsOf(r)?.concluded ?? 0)),
      ],
    }
  }
  return {
    ...base,
    unit: '%',
    series: [
      rateSeries('满意度', rows.map((r) => r.ratings.satisfaction_rate)),
      countSeries('评价数', rows.map((r) => r.ratings.count)),
      countSeries('差评', rows.map((r) => r.ratings.bad)),
    ],
  }
}

/** The series the chart draws: those in the chart's own unit (counts beside a rate are for the table only). */
export function plottedSeries (spec: ChartSpec): Series[] {
  if (spec.unit === '%') return spec.series.slice(0, 1)
  return spec.series
}

export const CHART_COLORS = ['#1d4ed8', '#059669', '#d97706', '#7c3aed']
