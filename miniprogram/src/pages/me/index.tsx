import { useRef, useState } from 'react'
import { Button, Navigator, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { adoptPreferences, getMe, type Resident } from '../../api/identity'
import { hasTokens } from '../../api/tokens'
import Async from '../../components/Async'
import LoginCard from '../../components/LoginCard'
import Screen from '../../components/Screen'
import { isElderly } from '../../store/preferences'
import { levelActionLabel, levelLabel } from '../../utils/format'
import { loginPageUrl, realNamePageUrl } from '../../utils/identityRoutes'
import {
  APPLICATIONS_PAGE, APPOINTMENTS_PAGE, COMPLAINTS_PAGE, FAMILY_PAGE, HOME_PAGE, ME_PAGE, SETTINGS_PAGE, TICKETS_PAGE,
} from '../../utils/routes'
import { useLoad } from '../../utils/useLoad'

import './index.css'

interface Entry {
  id: string
  label: string
  hint: string
  url: string
}

/** What a resident comes back for, most used first. */
const ENTRIES: readonly Entry[] = [
  { id: 'me-appointments', label: '我的预约', hint: '查看、取消或改约', url: APPOINTMENTS_PAGE },
  { id: 'me-tickets', label: '我的排队', hint: '排队进度和叫号', url: TICKETS_PAGE },
  { id: 'me-applications', label: '我的办件', hint: '办理进度和补正', url: APPLICATIONS_PAGE },
  { id: 'me-complaints', label: '我的投诉', hint: '投诉和答复', url: COMPLAINTS_PAGE },
  { id: 'me-family', label: '家人代办', hint: '帮家人办事', url: FAMILY_PAGE },
  { id: 'me-settings', label: '设置', hint: '长辈模式和通知', url: SETTINGS_PAGE },
]

function EntryTile ({ entry }: { entry: Entry }) {
  return (
    <Navigator className='me__entry' url={entry.url} id={entry.id} data-testid={entry.id} aria-label={`${entry.label}：${entry.hint}`}>
      <Text className='me__entry-label'>{entry.label}</Text>
      <Text className='me__entry-hint'>{entry.hint}</Text>
    </Navigator>
  )
}

function Profile ({ me }: { me: Resident }) {
  const level = me.assurance_level
  const action = levelActionLabel(level)
  // L0 (WeChat/Alipay login without a phone) verifies a phone first; the others go to 实名认证.
  const actionUrl = level < 1 ? loginPageUrl({ bind: true, redirect: ME_PAGE }) : realNamePageUrl()
  return (
    <View className='pg-card' id='me-profile' data-testid='me-profile'>
      <View className='me__item'>
        <Text className='me__item-label'>手机号</Text>
        <Text className='me__item-value' id='me-phone' data-testid='me-phone'>{me.phone || '未验证'}</Text>
      </View>
      <View className='me__item'>
        <Text className='me__item-label'>姓名</Text>
        <Text className='me__item-value' id='me-name' data-testid='me-name'>{me.name || '未实名'}</Text>
      </View>
      <View className='me__item'>
        <Text className='me__item-label'>身份证号</Text>
        <Text className='me__item-value' id='me-id-number' data-testid='me-id-number'>{me.id_number || '未实名'}</Text>
      </View>
      <View className='me__item'>
        <Text className='me__item-label'>认证等级</Text>
        <Text className={`me__level me__level--${level}`} id='me-level' data-testid='me-level' data-level={level}>
          {levelLabel(level)}
        </Text>
      </View>
      {action ? (
        <Button
          className='pg-button'
          id='me-verify'
          data-testid='me-verify'
          onClick={() => Taro.navigateTo({ url: actionUrl })}
        >
          {action}
        </Button>
      ) : null}
    </View>
  )
}

/** 我的: who I am and how far verified, and the way to everything that is mine. */
export default function Me () {
  const [loggedIn, setLoggedIn] = useState(hasTokens)
  const [elderly, setElderly] = useState(isElderly)
  const shown = useRef(false)

  const profile = useLoad(async () => {
    if (!loggedIn) return null
    const me = await getMe()
    // The account's elderly mode follows the resident to this device.
    adoptPreferences(me)
    setElderly(isElderly())
    return me
  }, [loggedIn])

  // Back from 实名认证, 设置 or login: the level, the look or the login may have changed.
  useDidShow(() => {
    const now = hasTokens()
    setLoggedIn(now)
    setElderly(isElderly())
    if (shown.current && now) profile.reload()
    shown.current = true
  })

  return (
    <Screen id='me' key={elderly ? 'elderly' : 'standard'}>
      <Text className='pg-title'>我的</Text>

      {loggedIn ? (
        <Async id='me-load' load={profile}>
          {(me) => (me ? <Profile me={me} /> : null)}
        </Async>
      ) : (
        <LoginCard id='me-login' text='登录后可以查看您的预约、排队和办件进度。' redirect={ME_PAGE} />
      )}

      <View className='me__entries' id='me-entries' data-testid='me-entries'>
        {(loggedIn ? ENTRIES : ENTRIES.filter((e) => e.url === SETTINGS_PAGE)).map((entry) => (
          <EntryTile key={entry.id} entry={entry} />
        ))}
      </View>

      <Button
        className='pg-button pg-button--secondary'
        id='me-home'
        data-testid='me-home'
        onClick={() => Taro.reLaunch({ url: HOME_PAGE })}
      >
        返回首页
      </Button>
    </Screen>
  )
}
