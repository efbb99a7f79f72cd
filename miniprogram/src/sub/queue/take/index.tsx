import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { getHall, getItem } from '../../../api/catalog'
import type { HallDetail, ItemGuide } from '../../../api/catalogTypes'
import { isApiError } from '../../../api/errors'
import { newIdempotencyKey } from '../../../api/idempotency'
import { type Board, getBoard, hallItems, takeTicket, type Ticket } from '../../../api/queue'
import ErrorBox from '../../../components/ErrorBox'
import { useLoggedIn } from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import { type Acting, actingFor, getActing } from '../../../store/acting'
import { groupHandledAt } from '../../../utils/catalogFormat'
import { hallStatus, hoursText } from '../../../utils/hallFormat'
import { aheadText, lineText, waitText } from '../../../utils/queueFormat'
import { hallClosedText, hallMinutes } from '../../../utils/queueHall'
import { ticketPageUrl } from '../../../utils/queueRoutes'
import {
  groupServices, heldTicket, initialHall, itemLinesAt, type LineView, type ServiceGroup, takeSignature, waitingText,
  withWaiting,
} from '../../../utils/queueTake'
import { HALLS_PAGE, itemPageUrl, itemsPageUrl, LOGIN_PAGE, readIdParam, readParam } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import './index.css'

interface HallChoice {
  detail: HallDetail
  /** The lines that would take this number, with how many wait (none on a hall's own list: its services show them). */
  lines: LineView[]
}

interface TakeData {
  /** Opened for an item: its guide. */
  item: ItemGuide | null
  halls: HallChoice[]
  /** Opened for a hall only: its services by line. */
  services: ServiceGroup[]
}

/** The board only adds how many wait: a hall without one still takes numbers. */
function boardOf (hallId: number): Promise<Board | null> {
  return getBoard(hallId).catch(() => null)
}

async function loadForItem (code: string): Promise<TakeData> {
  const item = await getItem(code)
  const hallIds = groupHandledAt(item.handled_at).map((group) => group.hallId)
  const halls = await Promise.all(hallIds.map(async (id) => {
    const [detail, board] = await Promise.all([getHall(id), boardOf(id)])
    return { detail, lines: withWaiting(itemLinesAt(item.handled_at, id), board) }
  }))
  return { item, halls, services: [] }
}

async function loadForHall (id: number): Promise<TakeData> {
  const [detail, items, board] = await Promise.all([getHall(id), hallItems(id), boardOf(id)])
  const services = groupServices(detail.categories ?? [], items.items, board)
  return { item: null, halls: [{ detail, lines: [] }], services } // the counts show by each line of services
}

function closedText (detail: HallDetail): string {
  return hallClosedText(detail, hallMinutes(Date.now(), detail.timezone))
}

function HallCard ({ choice, chosen, onChoose }: { choice: HallChoice, chosen: boolean, onChoose: () => void }) {
  const { detail } = choice
  const status = hallStatus(detail)
  const waiting = waitingText(choice.lines)
  return (
    <View
      className={`pg-card take__hall${chosen ? ' take__hall--chosen' : ''}`}
      id={`take-hall-${detail.id}`}
      data-testid='take-hall'
      data-hall-id={detail.id}
      data-open-now={detail.open_now ? 'true' : 'false'}
      data-chosen={chosen ? 'true' : 'false'}
      role='radio'
      aria-checked={chosen}
      aria-label={`选择${detail.name}，${status.text}`}
      onClick={onChoose}
    >
      <View className='take__hall-head'>
        <Text className='take__mark'>{chosen ? '●' : '○'}</Text>
        <Text className='take__hall-name'>{detail.name}</Text>
      </View>
      <View className='pg-badges'>
        <Text className={`pg-badge pg-badge--${status.tone}`} data-testid='take-hall-status'>{status.text}</Text>
      </View>
      <Text className='pg-secondary'>今日办公：{hoursText(detail.today_hours)}</Text>
      {waiting && detail.open_now ? <Text className='take__waiting' data-testid='take-hall-waiting'>{waiting}</Text> : null}
      <Text className='pg-secondary'>地址：{detail.address}</Text>
      {!detail.open_now ? <Text className='take__closed' data-testid='take-hall-closed'>{closedText(detail)}</Text> : null}
    </View>
  )
}

function ServiceList ({ groups, chosen, onChoose }: { groups: ServiceGroup[], chosen: string | null, onChoose: (code: string) => void }) {
  return (
    <View className='pg-card' id='take-services' data-testid='take-services' role='radiogroup' aria-label='选择要办的事'>
      <Text className='pg-card__title'>选择要办的事</Text>
      {groups.map((group) => (
        <View key={group.prefix} className='take__group' data-testid='take-line' data-prefix={group.prefix}>
          <Text className='take__group-title'>
            {group.prefix} {group.name}{group.waiting !== null ? `（排队 ${group.waiting} 人）` : ''}
          </Text>
          {group.items.map((item) => (
            <View
              key={item.code}
              className={`take__service${chosen === item.code ? ' take__service--chosen' : ''}`}
              id={`take-service-${item.code}`}
              data-testid='take-service'
              data-code={item.code}
              role='radio'
              aria-checked={chosen === item.code}
              aria-label={`选择${item.name}`}
              onClick={() => onChoose(item.code)}
            >
              <Text className='take__mark'>{chosen === item.code ? '●' : '○'}</Text>
              <Text className='take__service-name'>{item.name}{item.sub_item ? `（${item.sub_item}）` : ''}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

/** A number taken for a relative (代办): the relative follows it on their own phone, so it is shown here. */
function TakenForRelative ({ ticket, acting, hallName }: { ticket: Ticket, acting: Acting, hallName: string }) {
  const ahead = aheadText(ticket.ahead)
  const wait = waitText(ticket.wait)
  return (
    <View className='pg-card take__taken' id='take-taken' data-testid='take-taken' data-ticket-id={ticket.id}>
      <Text className='pg-card__title'>已为 {acting.name} 取号</Text>
      <Text className='take__taken-number' id='take-taken-number' data-testid='take-taken-number'>{ticket.number}</Text>
      <Text className='pg-text'>{hallName} · {lineText(ticket)}</Text>
      {ahead ? <Text className='pg-text'>{ahead}{wait ? `，预计等候${wait}` : ''}</Text> : null}
      <Text className='pg-secondary'>请把号码告诉 {acting.name}。叫号提醒会发给 TA，TA 也可以在自己的“我的排队”里查看。</Text>
    </View>
  )
}

export default function Take () {
  const { params } = useRouter()
  const itemCode = readParam(params.item)
  const wantedHall = readIdParam(params.hall)
  const load = useLoad<TakeData | null>(async () => {
    if (itemCode) return loadForItem(itemCode)
    if (wantedHall !== null) return loadForHall(wantedHall)
    return null
  }, [itemCode, wantedHall])

  const [hallId, setHallId] = useState<number | null>(null)
  const [serviceCode, setServiceCode] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [takeError, setTakeError] = useState<unknown>(null)
  const [closedMessage, setClosedMessage] = useState<string | null>(null)
  const [taken, setTaken] = useState<{ ticket: Ticket, acting: Acting, hallName: string } | null>(null)
  const [heldForRelative, setHeldForRelative] = useState<string | null>(null)
  // Back from the login page: the take button appears.
  const loggedIn = useLoggedIn()
  // The Idempotency-Key of the current take: the same on every retry of it, a new one when the choice changes.
  const attempt = useRef<{ signature: string, key: string } | null>(null)

  const data = load.data
  useEffect(() => {
    if (data && hallId === null) setHallId(initialHall(data.halls.map((h) => h.detail), wantedHall))
  }, [data])

  function choose (next: { hall?: number, service?: string }) {
    if (next.hall !== undefined) setHallId(next.hall)
    if (next.service !== undefined) setServiceCode(next.service)
    setTakeError(null)
    setClosedMessage(null)
    setHeldForRelative(null)
  }

  const chosen = data?.halls.find((h) => h.detail.id === hallId) ?? null
  const code = data?.item ? data.item.code : serviceCode

  async function onTake () {
    if (!chosen || !code || busy) return
    const acting = getActing()
    const body = { item_code: code, ...actingFor() }
    const signature = takeSignature(chosen.detail.id, code, body.acting_for)
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: newIdempotencyKey() }
    setBusy(true)
    setTakeError(null)
    setClosedMessage(null)
    setHeldForRelative(null)
    try {
      const ticket = await takeTicket(chosen.detail.id, body, attempt.current.key)
      attempt.current = null
      if (acting) {
        setTaken({ ticket, acting, hallName: chosen.detail.name })
      } else {
        Taro.redirectTo({ url: ticketPageUrl(ticket.id) })
      }
    } catch (e) {
      const held = heldTicket(e)
      if (held) {
        attempt.current = null
        if (!acting && held.id !== null) {
          Taro.showToast({ title: `您已有排队号 ${held.number}`, icon: 'none' }).catch(() => undefined)
          Taro.redirectTo({ url: ticketPageUrl(held.id) })
        } else {
          setHeldForRelative(held.number)
        }
      } else if (isApiError(e) && e.code === 'HALL_CLOSED') {
        setClosedMessage(`${chosen.detail.name}${closedText(chosen.detail)}`)
        load.reload() // the hall's status on screen was out of date
      } else {
        setTakeError(e)
      }
    } finally {
      setBusy(false)
    }
  }

  if (!itemCode && wantedHall === null) {
    return (
      <Screen id='take'>
        <Text className='pg-title'>取号</Text>
        <View className='pg-state' id='take-empty' data-testid='take-empty'>
          请先选择要办的事或办事大厅，再取号。
          <Button className='pg-button' id='take-search' onClick={() => Taro.redirectTo({ url: itemsPageUrl({ focus: true }) })}>
            搜索要办的事
          </Button>
          <Button className='pg-button pg-button--secondary' id='take-halls' onClick={() => Taro.redirectTo({ url: HALLS_PAGE })}>
            办事大厅
          </Button>
        </View>
      </Screen>
    )
  }

  if (taken) {
    return (
      <Screen id='take'>
        <TakenForRelative ticket={taken.ticket} acting={taken.acting} hallName={taken.hallName} />
        <Button className='pg-button pg-button--secondary' id='take-back' onClick={() => Taro.navigateBack().catch(() => undefined)}>
          返回
        </Button>
      </Screen>
    )
  }

  const acting = getActing()
  const services = data?.services ?? []
  let blocked = ''
  if (!chosen) blocked = '请先选择办事大厅'
  else if (!code) blocked = '请先选择要办的事'
  else if (!chosen.detail.open_now) blocked = '不在办公时间，暂不能取号'

  return (
    <Screen id='take'>
      <Text className='pg-title'>取号</Text>
      {data?.item ? (
        <Text className='pg-subtitle' id='take-item' data-testid='take-item' data-code={data.item.code}>
          {data.item.name}{data.item.sub_item ? `（${data.item.sub_item}）` : ''}
        </Text>
      ) : null}
      <Text className='pg-secondary'>在手机上取号，不用在大厅排长队。叫到您时，本页和消息会提醒您。</Text>

      {load.data === null && load.error ? <ErrorBox id='take-error' error={load.error} onRetry={load.reload} /> : null}
      {load.data === null && !load.error ? (
        <View className='pg-state' id='take-loading' data-testid='take-loading' role='status'>正在加载…</View>
      ) : null}

      {data && data.halls.length === 0 ? (
        <View className='pg-state' id='take-no-halls' data-testid='take-no-halls'>
          这件事不用到大厅取号{data.item?.online ? '，可以在网上申请' : '，请查看办事指南了解办理方式'}。
          <Button className='pg-button' id='take-guide' onClick={() => Taro.redirectTo({ url: itemPageUrl(itemCode) })}>
            查看办事指南
          </Button>
        </View>
      ) : null}

      {data && data.halls.length > 0 ? (
        <View>
          <Text className='take__step'>{data.item && data.halls.length > 1 ? '选择办事大厅' : '办事大厅'}</Text>
          <View id='take-halls' data-testid='take-halls' role='radiogroup' aria-label='选择办事大厅'>
            {data.halls.map((choice) => (
              <HallCard
                key={choice.detail.id}
                choice={choice}
                chosen={choice.detail.id === hallId}
                onChoose={() => choose({ hall: choice.detail.id })}
              />
            ))}
          </View>
          {load.error ? <ErrorBox id='take-refresh-error' error={load.error} onRetry={load.reload} /> : null}
          {!data.item ? (
            services.length ? (
              <ServiceList groups={services} chosen={serviceCode} onChoose={(service) => choose({ service })} />
            ) : (
              <View className='pg-state' id='take-no-services' data-testid='take-no-services'>这个大厅暂时没有可以取号的事项。</View>
            )
          ) : null}

          {closedMessage ? (
            <View className='pg-error' id='take-closed' data-testid='take-closed' data-code='HALL_CLOSED' role='alert'>{closedMessage}</View>
          ) : null}
          {heldForRelative !== null ? (
            <View className='pg-notice' id='take-held' data-testid='take-held' role='status'>
              {acting ? `${acting.name} 在这个大厅已有排队号${heldForRelative ? ` ${heldForRelative}` : ''}，不用再取。`
                : `您在这个大厅已有排队号${heldForRelative ? ` ${heldForRelative}` : ''}。`}
            </View>
          ) : null}
          {takeError ? <ErrorBox id='take-action-error' error={takeError} /> : null}

          {chosen && !chosen.detail.open_now ? (
            <Button className='pg-button pg-button--secondary' id='take-refresh' data-testid='take-refresh' onClick={load.reload}>
              刷新办公状态
            </Button>
          ) : null}
          {!loggedIn ? (
            <View className='pg-notice' id='take-login-needed' data-testid='take-login-needed'>
              取号需要先登录。
              <Button className='pg-button' id='take-login' onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}>去登录</Button>
            </View>
          ) : (
            <View>
              {/* Room for the bar below, so it never covers the last card. */}
              <View className='take__bar-space' />
              <View className='take__bar' id='take-bar'>
                {chosen && code && !blocked ? (
                  <Text className='take__summary' id='take-summary'>
                    {acting ? `为 ${acting.name} ` : ''}在 {chosen.detail.name} 取号
                  </Text>
                ) : null}
                <Button
                  className={`pg-button take__submit${blocked || busy ? ' pg-button--disabled' : ''}`}
                  id='take-submit'
                  data-testid='take-submit'
                  disabled={Boolean(blocked) || busy || undefined}
                  onClick={onTake}
                >
                  {busy ? '正在取号…' : blocked || '取号'}
                </Button>
              </View>
            </View>
          )}
        </View>
      ) : null}
    </Screen>
  )
}
