import { useState } from 'react'
import { Button, Navigator, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import Screen from '../../components/Screen'
import { listHalls } from '../../api/catalog'
import type { Hall } from '../../api/catalogTypes'
import { myNextAppointment, myCurrentTicket } from '../../api/home'
import { updatePreferences } from '../../api/account'
import { describeReadiness, describeRequestFailure, type Readiness } from '../../api/readiness'
import { hasTokens } from '../../api/tokens'
import type { Schemas } from '../../api/types'
import { apiUrl } from '../../api/url'
import { isElderly, rememberElderly } from '../../store/preferences'
import { appointmentLine, shortcutsFor } from '../../utils/homeFormat'
import { ticketSummary } from '../../utils/queueFormat'
import { appointmentPageUrl } from '../../utils/bookingRoutes'
import { ticketPageUrl } from '../../utils/queueRoutes'
import {
  APPLICATIONS_PAGE, APPOINTMENTS_PAGE, COMPLAINT_PAGE, HALLS_PAGE, hallsPageUrl, itemsPageUrl, LOGIN_PAGE, ME_PAGE,
} from '../../utils/routes'

import './index.css'

async function fetchReadiness (): Promise<Readiness> {
  try {
    const res = await Taro.request({ url: apiUrl('/readyz'), method: 'GET', dataType: 'json', timeout: 10000 })
    return describeReadiness(res.statusCode, res.data)
  } catch (error) {
    return describeRequestFailure(error)
  }
}

interface Mine {
  ticket: Schemas['Ticket'] | null
  appointment: Schemas['AppointmentSummary'] | null
}

export default function Home () {
  const [elderly, setElderly] = useState(isElderly)
  const [loggedIn, setLoggedIn] = useState(() => hasTokens())
  const [mine, setMine] = useState<Mine | null>(null)
  const [halls, setHalls] = useState<Hall[] | null>(null)
  const [readiness, setReadiness] = useState<Readiness | null>(null)

  // Every time the page shows: what the resident holds now may have changed on another page.
  useDidShow(() => {
    const signedIn = hasTokens()
    setLoggedIn(signedIn)
    setElderly(isElderly())
    fetchReadiness().then(setReadiness)
    listHalls().then((list) => setHalls(list.items.slice(0, 2)), () => setHalls([]))
    if (signedIn) {
      // Either may fail (offline, Redis down): the home page still shows everything else.
      Promise.all([myCurrentTicket().catch(() => null), myNextAppointment().catch(() => null)])
        .then(([ticket, appointment]) => setMine({ ticket, appointment }))
    } else {
      setMine(null)
    }
  })

  function toggleElderly () {
    const on = !elderly
    setElderly(on)
    rememberElderly(on)
    if (hasTokens()) updatePreferences(on).catch(() => undefined) // kept on this device regardless
    Taro.showToast({ title: on ? '已切换为长辈版' : '已切换为标准版', icon: 'none' })
  }

  const shortcuts = shortcutsFor(elderly)
  const down = readiness !== null && !readiness.ok

  return (
    <Screen id='home' className='home'>
      <View className='home__top'>
        <Text className='home__title' id='app-title' data-testid='app-title'>掌上政务</Text>
        <Button
          className='home__mode'
          id='home-elderly-toggle'
          data-testid='home-elderly-toggle'
          aria-label={elderly ? '切换为标准版' : '切换为长辈版：字更大、内容更少'}
          onClick={toggleElderly}
        >
          {elderly ? '标准版' : '长辈版'}
        </Button>
      </View>
      <Text className='home__notice' id='app-notice' data-testid='app-notice'>
        查办事指南，预约、取号、网上办，少跑腿
      </Text>
      <Navigator className='home__search' url={itemsPageUrl({ focus: true })} id='home-search' data-testid='home-search'>
        <Text className='home__search-text'>{elderly ? '搜索办事事项' : '搜索办事事项，如 社保卡、shbk'}</Text>
      </Navigator>

      {mine?.ticket ? (
        <Navigator className='home__now home__now--ticket' url={ticketPageUrl(mine.ticket.id)} id='home-ticket' data-testid='home-ticket'>
          <Text className='home__now-title'>我的排队号 {mine.ticket.number}</Text>
          <Text className='home__now-text'>{ticketSummary(mine.ticket)}</Text>
        </Navigator>
      ) : null}
      {mine?.appointment ? (
        <Navigator className='home__now' url={appointmentPageUrl({ id: mine.appointment.id })} id='home-appointment' data-testid='home-appointment'>
          <Text className='home__now-title'>下一个预约</Text>
          <Text className='home__now-text'>{appointmentLine(mine.appointment)}</Text>
        </Navigator>
      ) : null}

      <Text className='home__section'>常办事项</Text>
      <View className='home__shortcuts' id='home-shortcuts' data-testid='home-shortcuts'>
        {shortcuts.map((shortcut) => (
          <Navigator key={shortcut.label} className='home__shortcut' url={shortcut.url} data-testid='home-shortcut'>
            {shortcut.label}
          </Navigator>
        ))}
      </View>

      <View className='home__links'>
        <Navigator className='pg-button pg-button--secondary home__link' url={itemsPageUrl()} id='home-items' data-testid='home-items'>
          全部事项
        </Navigator>
        <Navigator className='pg-button pg-button--secondary home__link' url={loggedIn ? APPOINTMENTS_PAGE : LOGIN_PAGE} id='home-appointments'>
          我的预约
        </Navigator>
        {elderly ? null : (
          <>
            <Navigator className='pg-button pg-button--secondary home__link' url={loggedIn ? APPLICATIONS_PAGE : LOGIN_PAGE} id='home-applications'>
              我的办件
            </Navigator>
            <Navigator className='pg-button pg-button--secondary home__link' url={loggedIn ? COMPLAINT_PAGE : LOGIN_PAGE} id='home-complaint'>
              投诉建议
            </Navigator>
          </>
        )}
      </View>

      <View className='home__halls' id='home-halls-card'>
        <View className='home__halls-head'>
          <Text className='home__section'>办事大厅</Text>
          <Navigator className='pg-link' url={HALLS_PAGE} id='home-halls' data-testid='home-halls'>查看全部、按距离排序</Navigator>
        </View>
        {halls === null ? <Text className='pg-muted'>正在加载…</Text> : null}
        {halls?.map((hall) => (
          <Navigator key={hall.id} className='home__hall' url={hallsPageUrl(hall.id)} data-testid='home-hall'>
            <Text className='home__hall-name'>{hall.name}</Text>
            <Text className={hall.open_now ? 'pg-badge pg-badge--green' : 'pg-badge pg-badge--gray'}>
              {hall.open_now ? '办公中' : '休息中'}
            </Text>
          </Navigator>
        ))}
      </View>

      {down ? (
        <View className='home__status home__status--error' id='api-status' data-testid='api-status' data-state='error' role='alert'>
          <Text className='home__status-label' id='api-status-label'>{readiness?.label}</Text>
          {readiness?.detail ? <Text className='home__status-detail' id='api-status-detail'>{readiness.detail}</Text> : null}
        </View>
      ) : (
        <View className='home__status-ok' id='api-status' data-testid='api-status' data-state={readiness ? 'ok' : 'loading'} />
      )}

      <View className='home__entry'>
        <Button
          className='pg-button'
          id={loggedIn ? 'home-me' : 'home-login'}
          data-testid={loggedIn ? 'home-me' : 'home-login'}
          onClick={() => Taro.navigateTo({ url: loggedIn ? ME_PAGE : LOGIN_PAGE })}
        >
          {loggedIn ? '我的' : '登录'}
        </Button>
      </View>
    </Screen>
  )
}
