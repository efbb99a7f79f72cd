/**
 * 监察看板 (/hall/supervisor): for supervisors and department heads on a PC browser. Staff login (the same
 * as the window console), then the statistics with charts and tables, the 电子监察 alerts and the 差评
 * work orders. H5 only.
 */
import { useState } from 'react'

import type { Staff } from '../../api/staff'
import StaffScreen, { StaffTabs, StaffTopbar } from '../StaffScreen'
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
  return (
    <>
      <StaffTopbar id='supervisor' title='监察看板' staff={staff} onLogout={onLogout} />
      <StaffTabs id='supervisor' label='监察看板' tabs={TABS} tab={tab} onTab={setTab}>
        {tab === 'stats' ? <StatsSection /> : tab === 'alerts' ? <AlertsSection /> : <WorkOrdersSection />}
      </StaffTabs>
    </>
  )
}

export default function SupervisorPage () {
  return (
    <StaffScreen id='supervisor' title='监察看板' intro='监察人员、部门负责人登录后查看统计、处理电子监察预警和差评工单。'>
      {(staff, logout) => <Dashboard staff={staff} onLogout={logout} />}
    </StaffScreen>
  )
}
