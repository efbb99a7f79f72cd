import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { listHalls } from '../../../api/catalog'
import { myTickets, type TicketList } from '../../../api/queue'
import Async from '../../../components/Async'
import Screen from '../../../components/Screen'
import { lineText, statusText, statusTone, ticketSummary } from '../../../utils/queueFormat'
import { ticketPageUrl } from '../../../utils/queueRoutes'
import { HALLS_PAGE, itemsPageUrl } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import './index.css'

export default function Tickets () {
  const load = useLoad<TicketList>(myTickets)
  const [hallNames, setHallNames] = useState<Record<number, string>>({})
  const shown = useRef(false)

  // Back from a ticket (cancelled, called meanwhile): ask again; the first show is the first load.
  useDidShow(() => {
    if (shown.current) load.reload()
    shown.current = true
  })

  // Hall names are extra: the list shows without them when this fails.
  useEffect(() => {
    listHalls().then(
      (halls) => setHallNames(Object.fromEntries(halls.items.map((hall) => [hall.id, hall.name]))),
      () => undefined,
    )
  }, [])

  const emptyAction = (
    <View className='tickets__empty-actions'>
      <Button className='pg-button' id='tickets-halls' data-testid='tickets-halls' onClick={() => Taro.navigateTo({ url: HALLS_PAGE })}>
        去办事大厅
      </Button>
      <Button
        className='pg-button pg-button--secondary'
        id='tickets-search'
        data-testid='tickets-search'
        onClick={() => Taro.navigateTo({ url: itemsPageUrl({ focus: true }) })}
      >
        搜索要办的事
      </Button>
    </View>
  )

  return (
    <Screen id='tickets'>
      <Text className='pg-title'>我的排队</Text>
      <Text className='pg-subtitle'>今天还在排队或正在办理的号码</Text>
      <Async
        id='tickets'
        load={load}
        isEmpty={(list) => list.items.length === 0}
        emptyText='您今天没有排队中的号码。需要到大厅办事时，可以先在手机上取号。'
        emptyAction={emptyAction}
      >
        {(list) => (
          <View id='tickets-list' data-testid='tickets-list' data-count={list.items.length}>
            {list.items.map((ticket) => (
              <View
                key={ticket.id}
                className='pg-card tickets__card'
                id={`ticket-${ticket.id}`}
                data-testid='ticket-item'
                data-status={ticket.status}
                role='link'
                aria-label={`查看排队号 ${ticket.number}`}
                onClick={() => Taro.navigateTo({ url: ticketPageUrl(ticket.id) })}
              >
                <View className='tickets__head'>
                  <Text className='tickets__number'>{ticket.number}</Text>
                  <Text className={`pg-badge pg-badge--${statusTone(ticket.status)}`}>{statusText(ticket.status)}</Text>
                </View>
                <Text className={`tickets__summary${ticket.status === 'called' ? ' tickets__summary--called' : ''}`}>
                  {ticketSummary(ticket, { status: false })}
                </Text>
                <Text className='pg-secondary'>{hallNames[ticket.hall_id] ? `${hallNames[ticket.hall_id]} · ` : ''}{lineText(ticket)}</Text>
                <Text className='pg-link tickets__open'>查看详情</Text>
              </View>
            ))}
          </View>
        )}
      </Async>
    </Screen>
  )
}
