/**
 * One chart of the statistics and, under it, the same numbers as a table (readable without the chart,
 * by a screen reader and by a test). Chart.js is loaded on first use, so only this page downloads it.
 */
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Chart as ChartType, ChartConfiguration } from 'chart.js'

import { CHART_COLORS, type ChartSpec, plottedSeries } from '../../utils/supervisorStats'

type ChartClass = typeof ChartType

let chartClass: Promise<ChartClass> | null = null

/** Chart.js with only the parts these charts use (bars, lines, axes, legend, tooltip). */
function loadChart (): Promise<ChartClass> {
  if (!chartClass) {
    chartClass = import('chart.js').then((m) => {
      m.Chart.register(
        m.BarController, m.BarElement, m.LineController, m.LineElement, m.PointElement, m.CategoryScale,
        m.LinearScale, m.Legend, m.Tooltip,
      )
      // Readable on a desk screen: 14 px labels in the page's font, near-black.
      m.Chart.defaults.font.size = 14
      m.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily
      m.Chart.defaults.color = '#1f2937'
      return m.Chart
    })
    chartClass.catch(() => { chartClass = null })
  }
  return chartClass
}

function configOf (spec: ChartSpec, line: boolean): ChartConfiguration {
  const series = plottedSeries(spec)
  return {
    type: line ? 'line' : 'bar',
    data: {
      labels: spec.labels,
      datasets: series.map((s, index) => ({
        label: s.label,
        data: s.values,
        backgroundColor: CHART_COLORS[index % CHART_COLORS.length],
        borderColor: CHART_COLORS[index % CHART_COLORS.length],
        spanGaps: true,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: {
          beginAtZero: true,
          ...(spec.unit === '%' ? { max: 100 } : {}),
          title: { display: true, text: spec.unit },
        },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  }
}

interface StatsChartProps {
  spec: ChartSpec
  /** Draw lines (a grouping by day) rather than bars. */
  line: boolean
}

export default function StatsChart ({ spec, line }: StatsChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [failed, setFailed] = useState(false)
  const id = `chart-${spec.kind}`

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    let chart: ChartType | null = null
    let cancelled = false
    loadChart()
      .then((Chart) => {
        if (cancelled || !canvas.current) return
        chart = new Chart(canvas.current, configOf(spec, line))
        setFailed(false)
      })
      .catch(() => { if (!cancelled) setFailed(true) })
    return () => {
      cancelled = true
      chart?.destroy()
    }
  }, [spec, line])

  const summary = `${spec.title}图表，数据见下表`
  return (
    <View className='hs-card sv-chart' id={id} data-testid={id}>
      <h2 className='hs-card__title'>{spec.title}</h2>
      {failed ? (
        <Text className='hs-muted' id={`${id}-failed`}>图表未能加载（网络问题），下表是同样的数据。</Text>
      ) : (
        <View className='sv-chart__canvas'>
          <canvas ref={canvas} role='img' aria-label={summary} />
        </View>
      )}
      <table className='hs-table sv-chart__table' id={`${id}-table`} data-testid={`${id}-table`}>
        <caption className='hs-sr-only'>{spec.title}数据</caption>
        <thead>
          <tr>
            <th scope='col'>分组</th>
            {spec.series.map((s) => <th key={s.label} scope='col' className='hs-num'>{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {spec.labels.map((label, row) => (
            <tr key={`${label}-${row}`}>
              <th scope='row'>{label}</th>
              {spec.series.map((s) => <td key={s.label} className='hs-num'>{s.cells[row]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}
