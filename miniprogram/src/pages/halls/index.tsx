import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { getHall, listHalls } from '../../api/catalog'
import type { Hall, HallDetail } from '../../api/catalogTypes'
import ErrorBox from '../../components/ErrorBox'
import Screen from '../../components/Screen'
import PhoneLink from '../../components/PhoneLink'
import { currentNear } from '../../utils/device'
import {
  distanceText, hallStatus, hoursText, upcomingClosures, upcomingSpecialDays, weekHours,
} from '../../utils/hallFormat'
import { readIdParam } from '../../utils/routes'

import './index.css'

type Location = 'asking' | 'sorted' | 'unavailable'

function HallDetails ({ detail }: { detail: HallDetail }) {
  const special = upcomingSpecialDays(detail.special_days, detail.today)
  const closed = upcomingClosures(detail.closed_days, detail.today)
  const accessible = detail.windows.filter((w) => w.accessible).map((w) => `${w.number} 号`)
  return (
    <View className='halls__detail' id={`hall-detail-${detail.id}`} data-testid='hall-detail'>
      <Text className='halls__subtitle'>每周办公时间</Text>
      {weekHours(detail.hours).map((row) => (
        <View key={row.day} className='halls__week-row'>
          <Text className='halls__week-day'>{row.day}</Text>
          <Text className='halls__week-hours'>{row.text}</Text>
        </View>
      ))}
      {special.length ? <Text className='halls__subtitle'>特别安排</Text> : null}
      {special.map((day) => (
        <Text key={day.date} className='pg-secondary'>{day.date}：{hoursText(day.hours)}{day.note ? `（${day.note}）` : ''}</Text>
      ))}
      {closed.length ? <Text className='halls__subtitle'>暂停办公</Text> : null}
      {closed.length ? <Text className='pg-secondary'>{closed.join('、')}</Text> : null}
      {detail.categories.length ? <Text className='halls__subtitle'>取号类别</Text> : null}
      {detail.categories.map((c) => (
        <Text key={c.prefix} className='pg-secondary'>{c.prefix} {c.name}</Text>
      ))}
      {accessible.length ? <Text className='halls__subtitle'>无障碍（爱心）窗口</Text> : null}
      {accessible.length ? <Text className='pg-secondary'>{accessible.join('、')}</Text> : null}
    </View>
  )
}

export default function Halls () {
  const { params } = useRouter()
  const openedId = readIdParam(params.id)
  const [halls, setHalls] = useState<Hall[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [location, setLocation] = useState<Location>('asking')
  const [expanded, setExpanded] = useState<number | null>(openedId)
  const [details, setDetails] = useState<Record<number, HallDetail>>({})
  const [detailError, setDetailError] = useState<{ id: number, error: unknown } | null>(null)
  // Once the list sorted by distance is shown, a late plain list must not replace it.
  const sorted = useRef(false)

  async function loadPlain () {
    setError(null)
    try {
      const list = await listHalls()
      if (!sorted.current) setHalls(list.items)
    } catch (e) {
      if (!sorted.current) setError(e)
    }
  }

  // Refused, unavailable or unanswered location: the plain list stays, with a way to ask again.
  async function locate () {
    setLocation('asking')
    try {
      const list = await listHalls(await currentNear())
      sorted.current = true
      setHalls(list.items)
      setError(null)
      setLocation('sorted')
    } catch {
      setLocation('unavailable')
    }
  }

  useEffect(() => {
    loadPlain()
    locate()
  }, [])

  async function loadDetail (id: number) {
    setDetailError(null)
    try {
      const detail = await getHall(id)
      setDetails((known) => ({ ...known, [id]: detail }))
    } catch (e) {
      setDetailError({ id, error: e })
    }
  }

  useEffect(() => {
    if (expanded !== null && !details[expanded]) loadDetail(expanded)
  }, [expanded])

  // Coming from a guide's 办理地点: bring that hall into view once the list is there.
  const listed = halls !== null
  useEffect(() => {
    if (listed && openedId !== null) Taro.pageScrollTo({ selector: `#hall-${openedId}`, duration: 0 }).catch(() => undefined)
  }, [listed])

  return (
    <Screen id='halls' className='halls'>
      <Text
        className='halls__location'
        id='halls-location'
        data-testid='halls-location'
        data-state={location}
      >
        {location === 'asking' ? '正在获取您的位置，以便按距离排序…'
          : location === 'sorted' ? '已按距离由近到远排列'
            : '未获取到您的位置，按默认顺序显示'}
      </Text>
      {location === 'unavailable' ? (
        <Button className='pg-button pg-button--secondary pg-button--small halls__locate' id='halls-locate' onClick={locate}>
          使用我的位置排序
        </Button>
      ) : null}

      {error ? <ErrorBox id='halls-error' error={error} onRetry={loadPlain} /> : null}
      {halls === null && !error ? <Text className='pg-text halls__loading'>正在加载办事大厅…</Text> : null}
      {halls !== null && halls.length === 0 ? <Text className='pg-text halls__loading' id='halls-empty'>暂无办事大厅信息</Text> : null}

      <View id='halls-list' data-testid='halls-list' data-count={halls?.length ?? 0}>
        {(halls ?? []).map((hall) => {
          const status = hallStatus(hall)
          const distance = distanceText(hall.distance_m)
          const open = expanded === hall.id
          return (
            <View
              key={hall.id}
              className='pg-card halls__card'
              id={`hall-${hall.id}`}
              data-testid='hall-card'
              data-hall-id={hall.id}
              data-open-now={hall.open_now ? 'true' : 'false'}
            >
              <Text className='halls__name'>{hall.name}</Text>
              <View className='pg-badges'>
                <Text className={`pg-badge pg-badge--${status.tone}`} data-testid='hall-status'>{status.text}</Text>
                {distance ? <Text className='pg-badge pg-badge--gray' data-testid='hall-distance'>距您 {distance}</Text> : null}
              </View>
              <Text className='pg-text halls__today'>今日办公：{hoursText(hall.today_hours)}</Text>
              <Text className='pg-secondary'>地址：{hall.address}</Text>
              {hall.phone ? <PhoneLink label='电话' phone={hall.phone} id={`hall-phone-${hall.id}`} /> : null}
              <Button
                className='pg-button pg-button--secondary pg-button--small halls__toggle'
                id={`hall-toggle-${hall.id}`}
                data-testid='hall-toggle'
                onClick={() => setExpanded(open ? null : hall.id)}
              >
                {open ? '收起' : '每周办公时间和窗口'}
              </Button>
              {open && details[hall.id] ? <HallDetails detail={details[hall.id]} /> : null}
              {open && !details[hall.id] && detailError?.id !== hall.id ? <Text className='pg-secondary'>正在加载…</Text> : null}
              {open && detailError?.id === hall.id ? (
                <ErrorBox id={`hall-detail-error-${hall.id}`} error={detailError.error} onRetry={() => loadDetail(hall.id)} />
              ) : null}
            </View>
          )
        })}
      </View>
    </Screen>
  )
}
