/**
 * 监察看板 (/hall/supervisor): for supervisors and department heads on a PC browser. Staff login (the same
 * as the window console), then the statistics with charts and tables, the 电子监察 alerts and the 差评
 * work orders. H5 only.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'

import type { Staff } from '../../api/staff'
import { rolesText } from '../../utils/staffConsole'
import StaffLogin, { useStaffSession } from '../StaffLogin'
import AlertsSection from './AlertsSection'
import StatsSection from './StatsSection'
import WorkOrdersSection from './WorkOrdersSection'

import '../staff/staff-common.css'
import './index.css'

type Tab = 'stats' | 'alerts' | 'orders'

const TABS: { key: Tab, label: string }[] = [
  { key: 'stats', label: '统计分析' },
  { key: 'alerts', label: '电子监察' },
  { key: 'orders', label: '差评工单' },
]

function Dashboard ({ staff, onLogout }: { staff: Staff, onLogout: () => Promise<void> }) {
  const [tab, setTab] = useState<Tab>('stats')
  const [leaving, setLeaving] = useState(false)
  return (
    <>
      <View className='hs-topbar' id='supervisor-topbar' data-testid='supervisor-topbar'>
        <h1 className='hs-topbar__title'>监察看板</h1>
        <View className='hs-topbar__spacer' />
        <Text className='hs-topbar__who' id='supervisor-who'>{staff.display_name}（{rolesText(staff.roles)}）</Text>
        <button
          type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='supervisor-logout' data-testid='supervisor-logout'
          disabled={leaving} onClick={() => { setLeaving(true); onLogout().finally(() => setLeaving(false)) }}
        >
          退出登录
        </button>
      </View>
      <View className='hs-tabs' role='tablist' aria-label='监察看板'>
        {TABS.map((t) => (
          <button
            key={t.key} type='button' role='tab' className='hs-tab' id={`supervisor-tab-${t.key}`} data-testid={`supervisor-tab-${t.key}`}
            aria-selected={tab === t.key} aria-controls={`supervisor-panel-${t.key}`} onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </View>
      <View id={`supervisor-panel-${tab}`} role='tabpanel' aria-labelledby={`supervisor-tab-${tab}`}>
        {tab === 'stats' ? <StatsSection /> : tab === 'alerts' ? <AlertsSection /> : <WorkOrdersSection />}
      </View>
    </>
  )
}

export default function SupervisorPage () {
  const session = useStaffSession()
  return (
    <View className='hs-screen' id='hall-supervisor' data-testid='hall-supervisor'>
      {session.checking ? (
        <View className='pg-state' id='supervisor-checking' role='status'>正在检查登录状态…</View>
      ) : session.staff ? (
        <Dashboard staff={session.staff} onLogout={session.logout} />
      ) : (
        <StaffLogin
          id='supervisor-login' title='监察看板' intro='监察人员、部门负责人登录后查看统计、处理电子监察预警和差评工单。'
          onLoggedIn={session.setStaff} initialError={session.error}
        />
      )}
    </View>
  )
}
