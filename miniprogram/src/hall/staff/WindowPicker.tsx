/** Choosing the hall and the window to work at: the halls the roles reach, then the hall's windows. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'

import { listHalls } from '../../api/catalog'
import { hallWindows, type Staff } from '../../api/staff'
import Async from '../../components/Async'
import { hallsInReach, ticketStateText, type WindowChoice, windowStateText } from '../../utils/staffConsole'
import { useLoad } from '../../utils/useLoad'

interface WindowPickerProps {
  staff: Staff
  /** The hall chosen before (remembered), preselected. */
  initialHallId: number | null
  onChoose: (choice: WindowChoice) => void
}

export default function WindowPicker ({ staff, initialHallId, onChoose }: WindowPickerProps) {
  const halls = useLoad(async () => hallsInReach((await listHalls()).items, staff.roles), [staff.id])
  const [hallId, setHallId] = useState<number | null>(initialHallId)
  const windows = useLoad(async () => (hallId === null ? null : hallWindows(hallId)), [hallId])

  return (
    <View className='hs-card' id='staff-window-picker' data-testid='staff-window-picker'>
      <h2 className='hs-card__title'>选择办事大厅和窗口</h2>
      <Async
        id='staff-halls'
        load={halls}
        isEmpty={(items) => items.length === 0}
        emptyText='您的账号没有哪个大厅的窗口权限，可在“办件”中处理申请；如需开窗，请联系系统管理员分配大厅。'
      >
        {(items) => (
          <View className='hs-row' role='group' aria-label='办事大厅'>
            {items.map((hall) => (
              <button
                key={hall.id} type='button' className='hs-chip' id={`staff-hall-${hall.id}`}
                data-testid={`staff-hall-${hall.id}`} aria-pressed={hall.id === hallId}
                onClick={() => setHallId(hall.id)}
              >
                {hall.name}
              </button>
            ))}
          </View>
        )}
      </Async>
      {hallId === null ? (
        <Text className='hs-muted'>先选大厅，再选您所在的窗口。</Text>
      ) : (
        <Async
          id='staff-windows'
          load={windows}
          isEmpty={(items) => !items || items.length === 0}
          emptyText='这个大厅还没有设置窗口。'
        >
          {(items) => (
            <View className='staff-windows' role='list' aria-label='窗口'>
              {(items ?? []).map((w) => (
                <button
                  key={w.id} type='button' role='listitem' className='staff-window-tile' id={`staff-window-${w.id}`}
                  data-testid={`staff-window-${w.id}`} onClick={() => onChoose({ hallId, windowId: w.id })}
                  aria-label={`${w.number}号窗口，${windowStateText(w.session?.status)}`}
                >
                  <Text className='staff-window-tile__number'>{w.number}号窗口</Text>
                  <Text className='hs-muted'>业务：{(w.session?.categories ?? w.categories).join('、') || '未设置'}</Text>
                  <Text className='hs-muted'>{windowStateText(w.session?.status)}</Text>
                  {w.ticket ? <Text className='hs-muted'>{w.ticket.number} {ticketStateText(w.ticket.status)}</Text> : null}
                </button>
              ))}
            </View>
          )}
        </Async>
      )}
    </View>
  )
}
