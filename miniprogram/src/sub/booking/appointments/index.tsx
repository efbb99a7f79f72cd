import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'

import { type AppointmentSummary, listAppointments } from '../../../api/booking'
import Async from '../../../components/Async'
import LoginCard, { useLoggedIn } from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import { openPage } from '../../../pages/appointment/parts'
import { appointmentTime, isUpcoming, localToday, sortAppointments, statusBadge } from '../../../utils/bookingFormat'
import { appointmentPageUrl, appointmentsPageUrl } from '../../../utils/bookingRoutes'
import { itemsPageUrl } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import './index.css'

function Line ({ appointment: a, today }: { appointment: AppointmentSummary, today: string }) {
  const badge = statusBadge(a.status)
  return (
    <View
      className='pg-card appts__card'
      id={`appointment-${a.id}`}
      data-testid='appointment-card'
      data-status={a.status}
      data-reference={a.reference}
      role='link'
      onClick={() => openPage(appointmentPageUrl({ id: a.id }))}
    >
      <View className='appts__head'>
        <Text className='appts__item'>{a.item.name}</Text>
        <Text className={`pg-badge pg-badge--${badge.tone} appts__badge`} data-testid='appointment-card-status'>{badge.text}</Text>
      </View>
      <Text className='appts__time'>{appointmentTime(a.starts_at, a.ends_at, today)}</Text>
      <Text className='pg-secondary'>{a.hall.name}</Text>
      <Text className='pg-secondary'>预约号 {a.reference}{a.booked_by_proxy ? ' · 家人代办' : ''}</Text>
      <Text className='appts__more'>查看详情 ›</Text>
    </View>
  )
}

function List ({ items }: { items: AppointmentSummary[] }) {
  const now = Date.now()
  const today = localToday(now)
  const sorted = sortAppointments(items, now)
  const upcoming = sorted.filter((a) => isUpcoming(a, now))
  const past = sorted.filter((a) => !isUpcoming(a, now))
  return (
    <View id='appointments-list' data-testid='appointments-list' data-count={items.length}>
      {upcoming.length ? <Text className='appts__group' id='appointments-upcoming'>待办理（{upcoming.length}）</Text> : null}
      {upcoming.map((a) => <Line key={a.id} appointment={a} today={today} />)}
      {past.length ? <Text className='appts__group' id='appointments-past'>历史预约</Text> : null}
      {past.map((a) => <Line key={a.id} appointment={a} today={today} />)}
      <Button className='pg-button pg-button--secondary' id='appointments-more' onClick={() => openPage(itemsPageUrl())}>
        预约其他事项
      </Button>
    </View>
  )
}

function MyAppointments () {
  const load = useLoad(() => listAppointments(), [])
  // Back from an appointment (cancelled, moved): show the list as it is now. The first load is useLoad's.
  useDidShow(() => {
    if (load.data) load.reload()
  })

  return (
    <Async
      id='appointments'
      load={load}
      isEmpty={(list) => list.items.length === 0}
      emptyText='您还没有预约。找到要办的事，在办事指南里点“预约办理”。'
      emptyAction={(
        <Button className='pg-button' id='appointments-search' data-testid='appointments-search' onClick={() => openPage(itemsPageUrl({ focus: true }))}>
          找要办的事
        </Button>
      )}
    >
      {(list) => <List items={list.items} />}
    </Async>
  )
}

export default function Appointments () {
  const loggedIn = useLoggedIn()
  return (
    <Screen id='appointments'>
      <Text className='pg-title'>我的预约</Text>
      {loggedIn ? <MyAppointments /> : (
        <LoginCard id='appointments-login' text='登录后查看您的预约。' redirect={appointmentsPageUrl()} />
      )}
    </Screen>
  )
}
