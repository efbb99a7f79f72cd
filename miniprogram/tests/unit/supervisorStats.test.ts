import { describe, expect, it } from 'vitest'

import {
  addDays, chartSpec, defaultRange, minutesText, plottedSeries, rangeProblem, rateText, type Row, totals,
} from '../../src/utils/supervisorStats'

function row (key: string, values: { issued?: number, served?: number, wait?: number | null, concluded?: number,
  onTime?: number, count?: number, satisfied?: number, bad?: number, apps?: boolean } = {}): Row {
  const concluded = values.concluded ?? 0
  const onTime = values.onTime ?? 0
  const count = values.count ?? 0
  const satisfied = values.satisfied ?? 0
  return {
    key,
    label: `组${key}`,
    tickets: {
      issued: values.issued ?? 0, served: values.served ?? 0, no_show: 0,
      avg_wait_minutes: values.wait ?? null, p90_wait_minutes: values.wait ?? null, avg_service_minutes: null,
    },
    applications: values.apps === false ? null : {
      submitted: 1, concluded, on_time: onTime, on_time_rate: concluded ? onTime / concluded : null,
    },
    ratings: {
      count, satisfied, satisfaction_rate: count ? satisfied / count : null, bad: values.bad ?? 0, bad_closed: 0,
      bad_closure_rate: null,
    },
  }
}

describe('totals', () => {
  it('add the rows up and take rates of the sums, not the mean of the rates', () => {
    const t = totals([
      row('1', { issued: 10, served: 8, concluded: 1, onTime: 1, count: 1, satisfied: 1 }),
      row('2', { issued: 5, served: 5, concluded: 3, onTime: 0, count: 3, satisfied: 0, bad: 3 }),
    ])
    expect([t.issued, t.served, t.ratings, t.bad]).toEqual([15, 13, 4, 3])
    expect(t.onTimeRate).toBe(0.25) // 1 of 4, where the mean of the rows' rates would say 0.5
    expect(t.satisfactionRate).toBe(0.25)
    expect(t.hasApplications).toBe(true)
  })

  it('have no rate when nothing counts, and no applications by hall or window', () => {
    const t = totals([row('1', { apps: false })])
    expect(t.satisfactionRate).toBeNull()
    expect(t.onTimeRate).toBeNull()
    expect(t.hasApplications).toBe(false)
    expect(totals([]).issued).toBe(0)
  })
})

describe('the charts and their tables', () => {
  const rows = [row('1', { issued: 10, served: 8, wait: 12.345, count: 4, satisfied: 3 }), row('2', { issued: 2 })]

  it('count volumes, with applications when the grouping has them', () => {
    const spec = chartSpec('volumes', rows)
    expect(spec.labels).toEqual(['组1', '组2'])
    expect(spec.series.map((s) => s.label)).toEqual(['取号', '办结（窗口）', '办件提交', '办件办结'])
    expect(spec.series[0].values).toEqual([10, 2])
    expect(chartSpec('volumes', [row('1', { apps: false })]).series).toHaveLength(2)
  })

  it('show waits in minutes, a missing one as a gap', () => {
    const spec = chartSpec('waits', rows)
    expect(spec.unit).toBe('分钟')
    expect(spec.series[0].values).toEqual([12.345, null])
    expect(spec.series[0].cells).toEqual(['12.3 分钟', '—'])
  })

  it('show rates as percentages, and plot only the rate beside its counts', () => {
    const spec = chartSpec('satisfaction', rows)
    expect(spec.series[0].values).toEqual([75, null])
    expect(spec.series[0].cells).toEqual(['75.0%', '—'])
    expect(plottedSeries(spec).map((s) => s.label)).toEqual(['满意度'])
    expect(plottedSeries(chartSpec('volumes', rows))).toHaveLength(4)
  })
})

describe('the date range', () => {
  it('defaults to the 30 days up to today', () => {
    expect(defaultRange('2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' })
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
  })

  it('is checked as the API checks it', () => {
    expect(rangeProblem('2026-01-01', '2026-12-31')).toBe('')
    expect(rangeProblem('2026-01-01', '2027-01-02')).toContain('366')
    expect(rangeProblem('2026-02-01', '2026-01-01')).toContain('不能早于')
    expect(rangeProblem('2026-02-30', '')).toContain('开始日期')
    expect(rangeProblem('', '')).toBe('')
  })
})

describe('numbers in words', () => {
  it('write rates and minutes', () => {
    expect(rateText(0.83333)).toBe('83.3%')
    expect(rateText(1)).toBe('100.0%')
    expect(rateText(null)).toBe('—')
    expect(minutesText(6.78)).toBe('6.8 分钟')
    expect(minutesText(null)).toBe('—')
  })
})
