/**
 * The shell of the hall's desk screens (window console, supervisor dashboard): the staff login until someone
 * is logged in, then the screen's top bar (who is logged in, 退出登录) and its tabs. H5 only.
 */
import { type ReactNode, useState } from 'react'
import { Text, View } from '@tarojs/components'

import type { Staff } from '../api/staff'
import { rolesText } from '../utils/staffConsole'
import StaffLogin, { useStaffSession } from './StaffLogin'

import './staff/staff-common.css'

interface StaffScreenProps {
  /** The screen's name in ids: `hall-<id>`, `<id>-checking`, and the login's `<id>-login-…`. */
  id: string
  title: string
  /** The login's sentence under the title: what this screen is for. */
  intro: string
  /** The screen once logged in. */
  children: (staff: Staff, logout: () => Promise<void>) => ReactNode
}

export default function StaffScreen ({ id, title, intro, children }: StaffScreenProps) {
  const session = useStaffSession()
  return (
    <View className='hs-screen' id={`hall-${id}`} data-testid={`hall-${id}`}>
      {session.checking ? (
        <View className='pg-state' id={`${id}-checking`} role='status'>正在检查登录状态…</View>
      ) : session.staff ? (
        children(session.staff, session.logout)
      ) : (
        <StaffLogin id={`${id}-login`} title={title} intro={intro} onLoggedIn={session.setStaff} initialError={session.error} />
      )}
    </View>
  )
}

interface StaffTopbarProps {
  /** The screen's name in ids: `<id>-topbar`, `<id>-who`, `<id>-logout`. */
  id: string
  title: string
  staff: Staff
  onLogout: () => Promise<void>
  /** Shown after the title (where the clerk sits). */
  children?: ReactNode
}

export function StaffTopbar ({ id, title, staff, onLogout, children }: StaffTopbarProps) {
  const [leaving, setLeaving] = useState(false)
  return (
    <View className='hs-topbar' id={`${id}-topbar`} data-testid={`${id}-topbar`}>
      <h1 className='hs-topbar__title'>{title}</h1>
      {children}
      <View className='hs-topbar__spacer' />
      <Text className='hs-topbar__who' id={`${id}-who`} data-testid={`${id}-who`}>{staff.display_name}（{rolesText(staff.roles)}）</Text>
      <button
        type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`${id}-logout`} data-testid={`${id}-logout`}
        disabled={leaving} onClick={() => { setLeaving(true); onLogout().finally(() => setLeaving(false)) }}
      >
        退出登录
      </button>
    </View>
  )
}

interface StaffTabsProps<K extends string> {
  /** The screen's name in ids: `<id>-tab-<key>`, `<id>-panel-<key>`. */
  id: string
  /** The tab list's accessible name. */
  label: string
  tabs: { key: K, label: string }[]
  tab: K
  onTab: (key: NoInfer<K>) => void
  /** The chosen tab's panel. */
  children: ReactNode
}

export function StaffTabs<K extends string> ({ id, label, tabs, tab, onTab, children }: StaffTabsProps<K>) {
  return (
    <>
      <View className='hs-tabs' role='tablist' aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t.key} type='button' role='tab' className='hs-tab' id={`${id}-tab-${t.key}`} data-testid={`${id}-tab-${t.key}`}
            aria-selected={tab === t.key} aria-controls={`${id}-panel-${t.key}`} onClick={() => onTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </View>
      <View id={`${id}-panel-${tab}`} role='tabpanel' aria-labelledby={`${id}-tab-${tab}`}>
        {children}
      </View>
    </>
  )
}
