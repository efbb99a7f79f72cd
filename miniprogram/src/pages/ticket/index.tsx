import { useEffect, useMemo, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'

import { getHall } from '../../api/catalog'
import { isApiError } from '../../api/errors'
import { followTicket } from '../../api/kiosk'
import { cancelTicket, getTicket, rejoinTicket, type Ticket } from '../../api/queue'
import ErrorBox from '../../components/ErrorBox'
import Screen from '../../components/Screen'
import { formatDateTime } from '../../utils/format'
import { createPoller } from '../../utils/poller'
import {
  aheadText, calledText, isFinished, lineText, priorityText, statusHint, statusText, statusTone, waitRangeText, waitText,
  windowLabel,
} from '../../utils/queueFormat'
import { rateTicketUrl, takeTicketPageUrl } from '../../utils/queueRoutes'
import { HOME_PAGE, readIdParam, readParam, TICKETS_PAGE } from '../../utils/routes'

import './index.css'

type Action = 'cancel' | 'rejoin'

/** A long buzz when the number is called; phones or browsers without a vibrator just stay quiet. */
function vibrate (): void {
  try {
    Promise.resolve(Taro.vibrateLong()).catch(() => undefined)
  } catch {
    // No vibration here.
  }
}

function timeOfDay (ms: number): string {
  const date = new Date(ms)
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => (n < 10 ? `0${n}` : String(n))).join(':')
}

/**
 * 404 (not this resident's, or no such ticket) and 410 (a printed ticket's code after its day) will not
 * get better by asking again.
 */
function isGone (error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.status === 403 || error.status === 410)
}

function rejoinErrorText (error: unknown): string | null {
  if (isApiError(error) && error.code === 'TICKET_STATE') {
    return '已超过重新排队的时间（过号后 10 分钟内可重新排队一次），或已重新排过一次。如需办理，请重新取号。'
  }
  return null
}

function Row ({ label, value, id }: { label: string, value: string, id: string }) {
  return (
    <View className='ticket__row'>
      <Text className='ticket__row-label'>{label}</Text>
      <Text className='ticket__row-value' id={id} data-testid={id}>{value}</Text>
    </View>
  )
}

export default function TicketPage () {
  const { params } = useRouter()
  // `?t=`: a ticket printed at a kiosk, followed from its QR code without login (read only).
  const pageToken = readParam(params.t)
  const byToken = pageToken !== ''
  const id = readIdParam(params.id)
  const wanted = byToken || id !== null
  const [ticket, setTicket] = useState<Ticket | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [flaky, setFlaky] = useState(false)
  const [gone, setGone] = useState<unknown>(null)
  const [updatedAt, setUpdatedAt] = useState<number | null>(null)
  const [hallName, setHallName] = useState('')
  const [movedFrom, setMovedFrom] = useState<string | null>(null)
  const [busy, setBusy] = useState<Action | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)
  const [rejoinRefused, setRejoinRefused] = useState<string | null>(null)
  const previous = useRef<Ticket | null>(null)

  function show (next: Ticket): void {
    const before = previous.current
    if (before && before.id === next.id) {
      if (before.status !== 'called' && next.status === 'called') vibrate()
      if (before.category !== next.category) setMovedFrom(lineText(before))
    }
    previous.current = next
    setTicket(next)
    setLoadError(null)
    setFlaky(false)
    setUpdatedAt(Date.now())
  }

  const poller = useMemo(() => createPoller<Ticket>({
    fetch: () => (byToken ? followTicket(pageToken) : getTicket(id ?? 0)),
    onData: show,
    onError: (error) => {
      if (isGone(error)) setGone(error)
      else if (previous.current) setFlaky(true)
      else setLoadError(error)
    },
    isDone: (value) => isFinished(value.status),
    isFatal: isGone,
  }), [id, pageToken])

  // Live while the page shows: from the first show, paused while hidden (another page, the app or the
  // browser tab in the background), stopped by itself once the ticket is finished.
  useEffect(() => {
    if (wanted) poller.start()
    return () => poller.stop()
  }, [poller])
  useDidShow(() => {
    if (wanted && !gone) poller.start()
  })
  useDidHide(() => poller.stop())

  const hallId = ticket?.hall_id
  useEffect(() => {
    if (!hallId) return
    getHall(hallId).then((hall) => setHallName(hall.name), () => setHallName(''))
  }, [hallId])

  async function onCancel () {
    if (!ticket || busy) return
    const answer = await Taro.showModal({
      title: '取消排队',
      content: `取消后号码 ${ticket.number} 作废，需要时要重新取号。确定取消吗？`,
      confirmText: '确定取消',
      confirmColor: '#b91c1c',
      cancelText: '不取消',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    setBusy('cancel')
    setActionError(null)
    try {
      show(await cancelTicket(ticket.id))
      poller.stop()
      Taro.showToast({ title: '已取消排队', icon: 'none' }).catch(() => undefined)
    } catch (e) {
      setActionError(e)
      poller.refresh() // called meanwhile (TICKET_NOT_WAITING): show what it is now
    } finally {
      setBusy(null)
    }
  }

  async function onRejoin () {
    if (!ticket || busy) return
    setBusy('rejoin')
    setActionError(null)
    setRejoinRefused(null)
    try {
      show(await rejoinTicket(ticket.id))
      poller.refresh()
      Taro.showToast({ title: '已重新排队', icon: 'none' }).catch(() => undefined)
    } catch (e) {
      const refused = rejoinErrorText(e)
      if (refused) setRejoinRefused(refused)
      else setActionError(e)
    } finally {
      setBusy(null)
    }
  }

  function openList () {
    Taro.navigateTo({ url: TICKETS_PAGE }).catch(() => Taro.redirectTo({ url: TICKETS_PAGE }))
  }

  const listButton = byToken ? (
    <Button
      className='pg-button pg-button--secondary'
      id='ticket-home'
      data-testid='ticket-home'
      onClick={() => Taro.reLaunch({ url: HOME_PAGE })}
    >
      掌上政务首页
    </Button>
  ) : (
    <Button className='pg-button pg-button--secondary' id='ticket-list' data-testid='ticket-list' onClick={openList}>
      我的排队
    </Button>
  )

  if (!wanted) {
    return (
      <Screen id='ticket'>
        <View className='pg-error' id='ticket-error' data-testid='ticket-error' role='alert'>
          没有指定排队号，请从“我的排队”进入。
        </View>
        {listButton}
      </Screen>
    )
  }

  if (gone) {
    return (
      <Screen id='ticket'>
        <ErrorBox id='ticket-error' error={gone} />
        <Text className='pg-secondary'>
          {byToken ? '号票上的二维码只在取号当天有效。如需办理，请到大厅重新取号。' : '这个排队号不存在，或不是您本人的号码。'}
        </Text>
        {listButton}
      </Screen>
    )
  }

  if (!ticket) {
    return (
      <Screen id='ticket'>
        {loadError ? (
          <ErrorBox id='ticket-error' error={loadError} onRetry={poller.refresh} />
        ) : (
          <View className='pg-state' id='ticket-loading' data-testid='ticket-loading' role='status'>正在加载排队号…</View>
        )}
      </Screen>
    )
  }

  const status = ticket.status
  const called = status === 'called'
  const waiting = status === 'waiting'
  const priority = priorityText(ticket.priority)
  const wait = waitText(ticket.wait)
  const range = waitRangeText(ticket.wait)
  const ahead = aheadText(ticket.ahead)

  return (
    <Screen id='ticket' className='ticket'>
      {called ? (
        <View
          className='ticket__called'
          id='ticket-called'
          data-testid='ticket-called'
          data-window={windowLabel(ticket.window)}
          role='alert'
          aria-live='assertive'
        >
          <Text className='ticket__called-text' id='ticket-called-text' data-testid='ticket-called-text'>
            {calledText(ticket.window)}
          </Text>
          <Text className='ticket__called-sub'>{ticket.number} 号，轮到您了，请尽快前往办理</Text>
        </View>
      ) : null}

      <View className='pg-card ticket__card' id='ticket-card' data-testid='ticket-card' data-status={status} data-ticket-id={ticket.id}>
        <Text className='ticket__label'>您的号码</Text>
        <Text className='ticket__number' id='ticket-number' data-testid='ticket-number'>{ticket.number}</Text>
        <View className='pg-badges ticket__badges'>
          <Text className={`pg-badge pg-badge--${statusTone(status)}`} id='ticket-status' data-testid='ticket-status'>
            {statusText(status)}
          </Text>
          {priority ? <Text className='pg-badge pg-badge--blue' data-testid='ticket-priority'>{priority}</Text> : null}
        </View>
        {waiting && ahead ? <Text className='ticket__ahead' id='ticket-ahead' data-testid='ticket-ahead' data-ahead={ticket.ahead ?? ''}>{ahead}</Text> : null}
        {waiting && wait ? (
          <Text className='ticket__wait' id='ticket-wait' data-testid='ticket-wait'>
            预计等候{wait}{range ? `（${range}）` : ''}
          </Text>
        ) : null}
        <Text className='ticket__hint' id='ticket-hint' data-testid='ticket-hint'>{statusHint(ticket)}</Text>
      </View>

      {movedFrom && waiting ? (
        <View className='pg-notice' id='ticket-moved' data-testid='ticket-moved' role='status'>
          窗口已将您的号从“{movedFrom}”转到“{lineText(ticket)}”排队，号码不变。
        </View>
      ) : null}

      {flaky ? (
        <View className='ticket__flaky' id='ticket-flaky' data-testid='ticket-flaky' role='status'>网络不稳定，正在重试…</View>
      ) : null}
      {!isFinished(status) && updatedAt !== null && !flaky ? (
        <Text className='pg-muted ticket__updated' id='ticket-updated'>自动刷新中 · 更新于 {timeOfDay(updatedAt)}</Text>
      ) : null}

      <View className='pg-card' id='ticket-details' data-testid='ticket-details'>
        <Row label='办事大厅' value={hallName || '—'} id='ticket-hall' />
        <Row label='业务类别' value={lineText(ticket)} id='ticket-line' />
        {ticket.window && !called ? <Row label='窗口' value={`${windowLabel(ticket.window)}号窗口`} id='ticket-window' /> : null}
        <Row label='取号时间' value={formatDateTime(ticket.queued_at)} id='ticket-queued-at' />
      </View>

      {actionError ? <ErrorBox id='ticket-action-error' error={actionError} /> : null}
      {rejoinRefused ? (
        <View className='pg-error' id='ticket-rejoin-refused' data-testid='ticket-rejoin-refused' role='alert'>{rejoinRefused}</View>
      ) : null}

      {byToken ? (
        <Text className='pg-muted' id='ticket-follow-note' data-testid='ticket-follow-note'>
          这是大厅自助取号机打印的号票，无需登录即可查看进度。过号等问题请咨询大厅工作人员。
        </Text>
      ) : null}
      {!byToken && status === 'skipped' && !rejoinRefused ? (
        <Button
          className={`pg-button${busy ? ' pg-button--disabled' : ''}`}
          id='ticket-rejoin'
          data-testid='ticket-rejoin'
          disabled={busy !== null || undefined}
          onClick={onRejoin}
        >
          {busy === 'rejoin' ? '正在重新排队…' : '重新排队'}
        </Button>
      ) : null}
      {!byToken && status === 'done' ? (
        <Button
          className='pg-button'
          id='ticket-rate'
          data-testid='ticket-rate'
          onClick={() => Taro.navigateTo({ url: rateTicketUrl(ticket.id) })}
        >
          评价服务
        </Button>
      ) : null}
      {!byToken && (status === 'no_show' || status === 'cancelled' || rejoinRefused) ? (
        <Button
          className='pg-button'
          id='ticket-retake'
          data-testid='ticket-retake'
          onClick={() => Taro.redirectTo({ url: takeTicketPageUrl({ hall: ticket.hall_id }) })}
        >
          重新取号
        </Button>
      ) : null}
      {!byToken && waiting ? (
        <Button
          className={`pg-button pg-button--danger${busy ? ' pg-button--disabled' : ''}`}
          id='ticket-cancel'
          data-testid='ticket-cancel'
          disabled={busy !== null || undefined}
          onClick={onCancel}
        >
          {busy === 'cancel' ? '正在取消…' : '取消排队'}
        </Button>
      ) : null}
      {listButton}
    </Screen>
  )
}
