/**
 * 窗口工作台 (/hall/staff): the window clerk's desk on a PC browser. Staff login, then two tabs: 叫号
 * (choose hall and window, open it, call and serve all day with function keys) and 办件 (the
 * applications of the clerk's departments). H5 only.
 */
import { useState } from 'react'
import { Text } from '@tarojs/components'

import type { Staff } from '../../api/staff'
import { readStored, removeStored, writeStored } from '../../store/storage'
import { isWindowChoice, type WindowChoice, WINDOW_CHOICE_KEY } from '../../utils/staffConsole'
import StaffScreen, { StaffTabs, StaffTopbar } from '../StaffScreen'
import Applications from './Applications'
import WindowDesk from './WindowDesk'
import WindowPicker from './WindowPicker'

import './staff-common.css'
import './index.css'

type Tab = 'queue' | 'applications'

const TABS: { key: Tab, label: string }[] = [
  { key: 'queue', label: '叫号' },
  { key: 'applications', label: '办件' },
]

function Console ({ staff, onLogout }: { staff: Staff, onLogout: () => Promise<void> }) {
  const [tab, setTab] = useState<Tab>('queue')
  const [choice, setChoice] = useState<WindowChoice | null>(() => readStored(WINDOW_CHOICE_KEY, isWindowChoice))
  const [lastHall, setLastHall] = useState<number | null>(() => choice?.hallId ?? null)
  const [place, setPlace] = useState('')

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
      <StaffTopbar id='staff' title='窗口工作台' staff={staff} onLogout={onLogout}>
        {choice && place ? <Text className='hs-topbar__who' id='staff-place' data-testid='staff-place'>{place}</Text> : null}
      </StaffTopbar>
      <StaffTabs id='staff' label='工作台' tabs={TABS} tab={tab} onTab={setTab}>
        {tab === 'queue' ? (
          choice ? (
            <WindowDesk key={`${choice.hallId}-${choice.windowId}`} choice={choice} onChangeWindow={changeWindow} onPlace={setPlace} />
          ) : (
            <WindowPicker staff={staff} initialHallId={lastHall} onChoose={choose} />
          )
        ) : (
          <Applications />
        )}
      </StaffTabs>
    </>
  )
}

export default function StaffConsolePage () {
  return (
    <StaffScreen id='staff' title='窗口工作台' intro='窗口工作人员登录后叫号、办理业务、处理本部门的办件。'>
      {(staff, logout) => <Console staff={staff} onLogout={logout} />}
    </StaffScreen>
  )
}
