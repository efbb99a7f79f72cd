import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'

import { type Board, boardStreamUrl, type BoardCall, type CallEvent } from '../../api/board'
import { getHall } from '../../api/catalog'
import { errorText, isApiError } from '../../api/errors'
import { getBoard } from '../../api/queue'
import {
  announcementText, applyCall, applyLine, clockText, dateText, heroCall, shouldAnnounce, totalWaiting,
} from '../../utils/boardState'
import { createBoardFeed, type LinkStatus, showLinkDown, type StreamLike } from '../../utils/boardStream'
import { windowLabel } from '../../utils/queueFormat'
import { readIdParam } from '../../utils/routes'
import { probeSpeech, speak, speechAvailable } from './voice'

import './index.css'

const FLASH_MS = 6000
const DEFAULT_TIMEZONE = 'Asia/Shanghai'

interface Announced {
  text: string
  number: string
  window: string
}

function openStream (url: string): StreamLike {
  if (process.env.TARO_ENV !== 'h5') throw new Error('the board is an H5 page')
  return new window.EventSource(url)
}

/** Tests (and anything else on the page) can see each announcement, sound or not. */
function tellPage (announced: Announced): void {
  if (process.env.TARO_ENV !== 'h5') return
  window.dispatchEvent(new CustomEvent('palmgov:announce', { detail: announced }))
}

function CallRow ({ call, prefix, flash }: { call: BoardCall, prefix: string, flash: boolean }) {
  return (
    <View
      className={`board-row${flash ? ' board-row--flash' : ''}`}
      id={`${prefix}-${call.number}`}
      data-testid={`${prefix}-${call.number}`}
      data-window={call.window}
    >
      <Text className='board-row__number'>{call.number}</Text>
      <Text className='board-row__window'>{windowLabel(call.window)}号窗口</Text>
    </View>
  )
}

export default function BoardPage () {
  const { params } = useRouter()
  const hallId = readIdParam(params.hall)
  const [board, setBoard] = useState<Board | null>(null)
  const [timeZone, setTimeZone] = useState(DEFAULT_TIMEZONE)
  const [status, setStatus] = useState<LinkStatus>('connecting')
  const [downSince, setDownSince] = useState<number | null>(null)
  const [fatal, setFatal] = useState<unknown>(null)
  const [now, setNow] = useState(Date.now)
  const [flash, setFlash] = useState<{ number: string, until: number } | null>(null)
  const [lastAnnounced, setLastAnnounced] = useState<Announced | null>(null)
  const [sound, setSound] = useState(false)
  const soundOn = useRef(false)
  const spoken = useRef(new Set<string>())

  soundOn.current = sound

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])

  // Sound: on by itself where the browser allows it (kiosk flag); otherwise one tap on the control.
  useEffect(() => {
    let alive = true
    probeSpeech().then((allowed) => { if (alive && allowed) setSound(true) }, () => undefined)
    return () => { alive = false }
  }, [])

  useEffect(() => {
    if (hallId === null) return
    // The hall's timezone for the clock; the board itself names the hall.
    getHall(hallId).then((hall) => setTimeZone(hall.timezone || DEFAULT_TIMEZONE), (error: unknown) => {
      if (isApiError(error) && error.status === 404) setFatal(error)
    })
  }, [hallId])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || hallId === null) return
    const feed = createBoardFeed({
      open: (lastEventId) => openStream(boardStreamUrl(hallId, lastEventId)),
      fetchSnapshot: () => getBoard(hallId),
      onSnapshot: setBoard,
      onLine: (event) => setBoard((current) => (current ? applyLine(current, event) : current)),
      onCall: (event: CallEvent, eventId: string) => {
        setBoard((current) => (current ? applyCall(current, event) : current))
        const at = Date.now()
        setFlash({ number: event.number, until: at + FLASH_MS })
        if (!shouldAnnounce(eventId, event.called_at, at, spoken.current)) return
        if (eventId) spoken.current.add(eventId)
        const announced = { text: announcementText(event), number: event.number, window: event.window }
        setLastAnnounced(announced)
        tellPage(announced)
        if (soundOn.current) speak(announced.text)
      },
      onStatus: (next) => {
        setStatus(next)
        setDownSince((since) => (next === 'live' ? null : since ?? Date.now()))
      },
    })
    feed.start()
    return () => feed.stop()
  }, [hallId])

  function toggleSound (): void {
    if (sound) {
      setSound(false)
      return
    }
    setSound(true)
    speak('声音已开启', 1) // inside the tap: this unlocks speech for the calls that follow
  }

  if (hallId === null || fatal) {
    return (
      <View className='board board--message' id='hall-board' data-testid='hall-board' data-state='error'>
        <Text className='board-message' id='board-error' data-testid='board-error'>
          {hallId === null ? '请在地址中指定大厅，例如 /hall/board?hall=1' : `找不到这个大厅：${errorText(fatal)}`}
        </Text>
      </View>
    )
  }

  const hero = heroCall(board)
  const flashing = flash !== null && flash.until > now ? flash.number : null
  const linkDown = showLinkDown(status, downSince, now)

  return (
    <View
      className='board'
      id='hall-board'
      data-testid='hall-board'
      data-state={board ? 'ready' : 'loading'}
      data-link={status}
      data-hall-id={hallId}
      data-last-announced={lastAnnounced?.text ?? ''}
    >
      <View className='board-header'>
        <Text className='board-header__hall' id='board-hall' data-testid='board-hall'>{board?.hall_name ?? '叫号屏'}</Text>
        <View className='board-header__right'>
          <Button
            className={`board-sound${sound ? ' board-sound--on' : ''}`}
            id='board-sound'
            data-testid='board-sound'
            data-sound={sound ? 'on' : 'off'}
            aria-label={sound ? '声音已开启，点击关闭' : '点击开启声音'}
            aria-pressed={sound}
            onClick={toggleSound}
          >
            {!speechAvailable() ? '本机不支持语音' : sound ? '声音已开启' : '点击开启声音'}
          </Button>
          <View className='board-clock'>
            <Text className='board-clock__time' id='board-clock' data-testid='board-clock'>{clockText(now, timeZone)}</Text>
            <Text className='board-clock__date'>{dateText(now, timeZone)}</Text>
          </View>
        </View>
      </View>

      {!board ? (
        <View className='board-loading' id='board-loading' data-testid='board-loading' role='status'>
          {status === 'polling' ? '连接中断，正在重连…' : '正在连接…'}
        </View>
      ) : (
        <View className='board-main'>
          <View className='board-left'>
            <View
              className={`board-hero${flashing && hero && flashing === hero.number ? ' board-hero--flash' : ''}`}
              id='board-hero'
              data-testid='board-hero'
              data-number={hero?.number ?? ''}
              aria-live='assertive'
            >
              {hero ? (
                <>
                  <Text className='board-hero__label'>请</Text>
                  <Text className='board-hero__number' id='board-hero-number' data-testid='board-hero-number'>{hero.number}</Text>
                  <Text className='board-hero__window' id='board-hero-window' data-testid='board-hero-window'>
                    到 {windowLabel(hero.window)} 号窗口办理
                  </Text>
                </>
              ) : (
                <Text className='board-hero__idle' id='board-hero-idle' data-testid='board-hero-idle'>
                  {board.open_now ? '请留意叫号' : '现在不在办公时间'}
                </Text>
              )}
            </View>
            <View className='board-panel' id='board-calling' data-testid='board-calling'>
              <Text className='board-panel__title'>正在叫号</Text>
              {board.now_calling.length === 0 ? (
                <Text className='board-panel__empty'>暂无</Text>
              ) : board.now_calling.map((call) => (
                <CallRow key={call.number} call={call} prefix='board-calling' flash={flashing === call.number} />
              ))}
            </View>
          </View>
          <View className='board-right'>
            <View className='board-panel' id='board-waiting' data-testid='board-waiting' data-total={totalWaiting(board)}>
              <Text className='board-panel__title'>等候人数</Text>
              {board.waiting.length === 0 ? <Text className='board-panel__empty'>暂无排队业务</Text> : board.waiting.map((line) => (
                <View className='board-line' key={line.prefix} id={`board-waiting-${line.prefix}`} data-testid={`board-waiting-${line.prefix}`} data-waiting={line.waiting}>
                  <Text className='board-line__letter'>{line.prefix}</Text>
                  <Text className='board-line__name'>{line.name}</Text>
                  <Text className='board-line__count'>{line.waiting} 人</Text>
                </View>
              ))}
            </View>
            <View className='board-panel' id='board-recent' data-testid='board-recent'>
              <Text className='board-panel__title'>最近叫号</Text>
              {board.recent_calls.length === 0 ? (
                <Text className='board-panel__empty'>今天还没有叫号</Text>
              ) : board.recent_calls.map((call) => (
                <CallRow key={call.number} call={call} prefix='board-recent' flash={false} />
              ))}
            </View>
          </View>
        </View>
      )}

      {linkDown ? (
        <View className='board-link-down' id='board-link-down' data-testid='board-link-down' role='status'>连接中断，正在重连</View>
      ) : null}
    </View>
  )
}
