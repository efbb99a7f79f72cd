/**
 * 窗口工作台 (/hall/staff): the window clerk's desk on a PC browser. Staff login, then two tabs: 叫号
 * (choose hall and window, open it, call and serve all day with function keys) and 办件 (the
 * applications of the clerk's departments). H5 only.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'

import type { Staff } from '../../api/staff'
import { readStored, removeStored, writeStored } from '../../store/storage'
import { isWindowChoice, rolesText, type WindowChoice, WINDOW_CHOICE_KEY } from '../../utils/staffConsole'
import StaffLogin, { useStaffSession } from '../StaffLogin'
import Applications from './Applications'
import WindowDesk from './WindowDesk'
import WindowPicker from './WindowPicker'

import './staff-common.css'
import './index.css'

type Tab = 'queue' | 'applications'

function Console ({ staff, onLogout }: { staff: Staff, onLogout: () => Promise<void> }) {
  const [tab, setTab] = useState<Tab>('queue')
  const [choice, setChoice] = useState<WindowChoice | null>(() => readStored(WINDOW_CHOICE_KEY, isWindowChoice))
  const [lastHall, setLastHall] = useState<number | null>(() => choice?.hallId ?? null)
  const [place, setPlace] = useState('')
  const [leaving, setLeaving] = useState(false)

  function choose (next: WindowChoice) {
    writeStored(WINDOW_CHOICE_KEY, next)
    setChoice(next)
    setLastHall(next.hallId)
  }

  function changeWindow () {
    removeStored(WINDOW_CHOICE_KEY)
    setChoice(null)
    setPlace('')
  }

  return (
    <>
      <View className='hs-topbar' id='staff-topbar' data-testid='staff-topbar'>
        <h1 className='hs-topbar__title'>窗口工作台</h1>
        {choice && place ? <Text className='hs-topbar__who' id='staff-place' data-testid='staff-place'>{place}</Text> : null}
        <View className='hs-topbar__spacer' />
        <Text className='hs-topbar__who' id='staff-who' data-testid='staff-who'>{staff.display_name}（{rolesText(staff.roles)}）</Text>
        <button
          type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='staff-logout' data-testid='staff-logout'
          disabled={leaving} onClick={() => { setLeaving(true); onLogout().finally(() => setLeaving(false)) }}
        >
          退出登录
        </button>
      </View>
      <View className='hs-tabs' role='tablist' aria-label='工作台'>
        <button type='button' role='tab' className='hs-tab' id='staff-tab-queue' data-testid='staff-tab-queue' aria-selected={tab === 'queue'} aria-controls='staff-panel-queue' onClick={() => setTab('queue')}>
          叫号
        </button>
        <button type='button' role='tab' className='hs-tab' id='staff-tab-applications' data-testid='staff-tab-applications' aria-selected={tab === 'applications'} aria-controls='staff-panel-applications' onClick={() => setTab('applications')}>
          办件
        </button>
      </View>
      {tab === 'queue' ? (
        <View id='staff-panel-queue' role='tabpanel' aria-labelledby='staff-tab-queue'>
          {choice ? (
            <WindowDesk key={`${choice.hallId}-${choice.windowId}`} choice={choice} onChangeWindow={changeWindow} onPlace={setPlace} />
          ) : (
            <WindowPicker staff={staff} initialHallId={lastHall} onChoose={choose} />
          )}
        </View>
      ) : (
        <View id='staff-panel-applications' role='tabpanel' aria-labelledby='staff-tab-applications'>
          <Applications />
        </View>
      )}
    </>
  )
}

export default function StaffConsolePage () {
  const session = useStaffSession()
  return (
    <View className='hs-screen' id='hall-staff' data-testid='hall-staff'>
      {session.checking ? (
        <View className='pg-state' id='staff-checking' role='status'>正在检查登录状态…</View>
      ) : session.staff ? (
        <Console staff={session.staff} onLogout={session.logout} />
      ) : (
        <StaffLogin
          id='staff-login' title='窗口工作台' intro='窗口工作人员登录后叫号、办理业务、处理本部门的办件。'
          onLoggedIn={session.setStaff} initialError={session.error}
        />
      )}
    </View>
  )
}
