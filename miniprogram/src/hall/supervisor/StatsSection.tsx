/**
 * The statistics of `GET /api/v1/stats/overview`: grouping and date range, the totals as numbers, four
 * charts each with its table, and the same rows as a CSV download.
 */
import { type FormEvent, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { errorText } from '../../api/errors'
import { downloadStatsCsv, type OverviewQuery, statsOverview } from '../../api/supervision'
import Async from '../../components/Async'
import { localToday } from '../../utils/bookingFormat'
import {
  type ChartKind, chartSpec, defaultRange, type Grouping, GROUPINGS, rangeProblem, rateText, type Row, totals,
} from '../../utils/supervisorStats'
import { useLoad } from '../../utils/useLoad'
import StatsChart from './StatsChart'

const KINDS: ChartKind[] = ['volumes', 'waits', 'onTime', 'satisfaction']

function Tile ({ id, value, label }: { id: string, value: string | number, label: string }) {
  return (
    <View className='sv-tile'>
      <Text className='sv-tile__value' id={id} data-testid={id}>{value}</Text>
      <Text className='sv-tile__label'>{label}</Text>
    </View>
  )
}

function Charts ({ rows, by }: { rows: Row[], by: Grouping }) {
  const specs = useMemo(() => KINDS.map((kind) => chartSpec(kind, rows)), [rows])
  const sum = totals(rows)
  return (
    <>
      <View className='hs-card'>
        <h2 className='hs-card__title'>合计</h2>
        <View className='sv-tiles' id='stats-totals' data-testid='stats-totals'>
          <Tile id='stat-total-tickets' value={sum.issued} label='取号（人次）' />
          <Tile id='stat-served-tickets' value={sum.served} label='窗口办结' />
          <Tile id='stat-no-show' value={sum.noShow} label='叫号未到' />
          <Tile id='stat-on-time-rate' value={sum.hasApplications ? rateText(sum.onTimeRate) : '—'} label={`按时办结率（办结 ${sum.concluded} 件）`} />
          <Tile id='stat-satisfaction' value={rateText(sum.satisfactionRate)} label='满意度' />
          <Tile id='stat-ratings-count' value={sum.ratings} label='评价数' />
          <Tile id='stat-bad-ratings' value={sum.bad} label={`差评（已办结 ${sum.badClosed}）`} />
        </View>
        <Text className='hs-muted'>
          合计按当前分组相加：按部门、按事项时不含未选事项的取号；按大厅、按窗口时不统计办件。
        </Text>
      </View>
      {rows.length === 0 ? (
        <View className='hs-card'>
          <View className='pg-state' id='stats-empty' data-testid='stats-empty'>这段时间在您的管辖范围内还没有可统计的业务。</View>
        </View>
      ) : (
        <View className='sv-charts'>
          {specs.map((spec) => <StatsChart key={spec.kind} spec={spec} line={by === 'day'} />)}
        </View>
      )}
    </>
  )
}

export default function StatsSection () {
  const today = localToday(Date.now())
  const initial = defaultRange(today)
  const [by, setBy] = useState<Grouping>('department')
  const [from, setFrom] = useState(initial.from)
  const [to, setTo] = useState(initial.to)
  const [query, setQuery] = useState<OverviewQuery>({ by: 'department', from: initial.from, to: initial.to })
  const [problem, setProblem] = useState('')
  const [downloading, setDownloading] = useState(false)
  const overview = useLoad(() => statsOverview(query), [query.by, query.from, query.to])

  function onSubmit (event: FormEvent) {
    event.preventDefault()
    const wrong = rangeProblem(from, to)
    setProblem(wrong)
    if (wrong) return
    // 查询 always asks again: the same period later in the day has new numbers.
    if (by === query.by && from === query.from && to === query.to) overview.reload()
    else setQuery({ by, from, to })
  }

  async function onDownload () {
    setDownloading(true)
    setProblem('')
    try {
      await downloadStatsCsv(query)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setDownloading(false)
    }
  }

  return (
    <View id='stats' data-testid='stats'>
      <form className='hs-card sv-filters' onSubmit={onSubmit} id='stats-form' noValidate>
        <h2 className='hs-card__title'>统计</h2>
        <View className='hs-row' role='group' aria-label='分组方式'>
          {GROUPINGS.map((g) => (
            <button
              key={g.key} type='button' className='hs-chip' id={`stats-by-${g.key}`} data-testid={`stats-by-${g.key}`}
              aria-pressed={by === g.key}
              onClick={() => {
                setBy(g.key)
                if (!rangeProblem(from, to)) setQuery({ by: g.key, from, to })
              }}
            >
              {g.label}
            </button>
          ))}
        </View>
        <View className='hs-row sv-range'>
          <View className='hs-field'>
            <label className='hs-label' htmlFor='stats-from'>开始日期</label>
            <input className='hs-input' type='date' id='stats-from' data-testid='stats-from' value={from} onChange={(e) => setFrom(e.target.value)} />
          </View>
          <View className='hs-field'>
            <label className='hs-label' htmlFor='stats-to'>结束日期</label>
            <input className='hs-input' type='date' id='stats-to' data-testid='stats-to' value={to} onChange={(e) => setTo(e.target.value)} />
          </View>
          <button type='submit' className='hs-btn sv-range__button' id='stats-submit' data-testid='stats-submit'>查询</button>
          <button type='button' className='hs-btn hs-btn--secondary sv-range__button' id='stats-csv' data-testid='stats-csv' disabled={downloading} onClick={onDownload}>
            {downloading ? '正在下载…' : '下载 CSV（Excel 可打开）'}
          </button>
        </View>
        {problem ? <View className='pg-error' role='alert' id='stats-problem' data-testid='stats-problem'>{problem}</View> : null}
        <Text className='hs-muted' id='stats-period'>
          {overview.data ? `统计期间：${overview.data.from} 至 ${overview.data.to}（按各大厅当地日期）` : ''}
        </Text>
      </form>
      <Async id='stats' load={overview}>
        {(o) => <Charts rows={o.rows as Row[]} by={o.by as Grouping} />}
      </Async>
    </View>
  )
}
