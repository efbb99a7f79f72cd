import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'

import { getHall } from '../../api/catalog'
import type { HallDetail } from '../../api/catalogTypes'
import { clearDeviceToken, type Device, getDeviceToken, isTokenRefused, saveDeviceToken, whoAmI } from '../../api/device'
import { newIdempotencyKey } from '../../api/idempotency'
import { checkIn, type KioskTicket, takeKioskTicket } from '../../api/kiosk'
import { getBoard, hallItems } from '../../api/queue'
import ErrorBox from '../../components/ErrorBox'
import NumericPad from '../../components/NumericPad'
import { clockText } from '../../utils/boardState'
import { hallStatus, hoursText } from '../../utils/hallFormat'
import { kioskErrorView } from '../../utils/kioskErrors'
import {
  type Attempt, idleApplies, idleSecondsLeft, itemsSummary, type KioskLine, kioskLines, kioskReducer, secretTap, showCountdown,
  START, waitingWords,
} from '../../utils/kioskFlow'
import { padReady } from '../../utils/kioskPad'
import { checkInCode, createWedgeReader } from '../../utils/kioskScan'
import { hallClosedText, hallMinutes } from '../../utils/queueHall'
import Camera from './Camera'
import Setup from './Setup'
import TicketView from './TicketView'

import './index.css'

const REFRESH_MS = 30000
const LOST_NOTICE = '本机的设备令牌已失效（可能已被管理员停用），请重新输入设备令牌。'

interface Place {
  device: Device
  hall: HallDetail
  lines: KioskLine[]
}

/** The device, its hall with the lines and item names, and who waits: everything the start screen shows. */
async function loadPlace (token: string): Promise<Place> {
  const device = await whoAmI(token)
  if (device.kind !== 'kiosk') throw new Error('not a kiosk')
  const [hall, items, board] = await Promise.all([
    getHall(device.hall_id),
    hallItems(device.hall_id).then((page) => page.items, () => []), // names only: the lines work without them
    getBoard(device.hall_id).catch(() => null),
  ])
  return { device, hall, lines: kioskLines(hall, items, board) }
}

function runAttempt (token: string, attempt: Attempt): Promise<KioskTicket> {
  return attempt.kind === 'take'
    ? takeKioskTicket(token, attempt.request, attempt.key)
    : checkIn(token, attempt.code)
}

export default function KioskPage () {
  const [token, setToken] = useState<string | null>(getDeviceToken)
  const [notice, setNotice] = useState('')

  if (!token) {
    return (
      <Setup
        notice={notice}
        onReady={(fresh) => {
          saveDeviceToken(fresh)
          setNotice('')
          setToken(fresh)
        }}
      />
    )
  }
  return (
    <Kiosk
      token={token}
      onReset={(why) => {
        clearDeviceToken()
        setNotice(why)
        setToken(null)
      }}
    />
  )
}

function Kiosk ({ token, onReset }: { token: string, onReset: (notice: string) => void }) {
  const { params } = useRouter()
  const autoPrint = params.print !== '0'
  const [place, setPlace] = useState<Place | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [state, dispatch] = useReducer(kioskReducer, START)
  const [now, setNow] = useState(Date.now)
  const [askReset, setAskReset] = useState(false)
  const lastActivity = useRef(Date.now())
  const taps = useRef<number[]>([])
  const scanInput = useRef<HTMLInputElement | null>(null)
  const step = state.step

  const load = useCallback(() => {
    loadPlace(token).then(
      (found) => {
        setPlace(found)
        setLoadError(null)
      },
      (error: unknown) => {
        if (isTokenRefused(error) || (error instanceof Error && error.message === 'not a kiosk')) onReset(LOST_NOTICE)
        else setLoadError(error)
      },
    )
  }, [token])

  useEffect(load, [load])

  // The start screen keeps its waiting counts and opening state fresh.
  useEffect(() => {
    if (step.name !== 'home' || !place) return
    const timer = setInterval(load, REFRESH_MS)
    return () => clearInterval(timer)
  }, [step.name, place !== null, load])

  // Taking a ticket or checking in: one request per attempt (重试 makes a new attempt object, same key).
  useEffect(() => {
    if (step.name !== 'busy') return
    let alive = true
    runAttempt(token, step.attempt).then(
      (ticket) => { if (alive) dispatch({ type: 'done', ticket }) },
      (error: unknown) => {
        if (!alive) return
        if (isTokenRefused(error)) onReset(LOST_NOTICE)
        else dispatch({ type: 'failed', error })
      },
    )
    return () => { alive = false }
  }, [step])

  // A second's tick: the clock, and the idle reset (30 s without a touch; a countdown in the last 10).
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  useEffect(() => {
    lastActivity.current = Date.now()
  }, [step])
  const secondsLeft = idleSecondsLeft(lastActivity.current, now)
  useEffect(() => {
    // Read the time again: a screen that just appeared has just set lastActivity.
    if (idleApplies(step) && idleSecondsLeft(lastActivity.current, Date.now()) === 0) {
      setAskReset(false)
      dispatch({ type: 'reset' })
    }
  }, [now, step])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const touched = (): void => { lastActivity.current = Date.now() }
    const events = ['pointerdown', 'touchstart', 'keydown']
    events.forEach((name) => window.addEventListener(name, touched, { capture: true, passive: true }))
    return () => events.forEach((name) => window.removeEventListener(name, touched, { capture: true }))
  }, [])

  // A keyboard-wedge scanner types the code and Enter: read on the start and scan screens.
  const scanning = step.name === 'home' || step.name === 'scan'
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !scanning || !place) return
    const reader = createWedgeReader((text) => {
      const code = checkInCode(text)
      if (code) dispatch({ type: 'scanned', code })
      else dispatch({ type: 'scan' }) // shows the scan screen with its instructions
    })
    const onKey = (event: KeyboardEvent): void => {
      if (reader.push(event.key, event.timeStamp || Date.now()) && event.key === 'Enter') event.preventDefault()
    }
    scanInput.current?.focus({ preventScroll: true })
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [scanning, place !== null])

  function onCorner (): void {
    const next = secretTap(taps.current, Date.now())
    taps.current = next.taps
    if (next.open) setAskReset(true)
  }

  if (!place) {
    return (
      <View className='kiosk kiosk--center' id='hall-kiosk' data-testid='hall-kiosk' data-state='loading'>
        {loadError ? (
          <View className='kiosk-panel'>
            <Text className='kiosk-big'>暂时无法启动</Text>
            <ErrorBox id='kiosk-load-error' error={loadError} onRetry={load} />
          </View>
        ) : (
          <View className='kiosk-big' id='kiosk-loading' data-testid='kiosk-loading' role='status'>正在启动，请稍候…</View>
        )}
        <SettingsCorner onTap={onCorner} onLongPress={() => setAskReset(true)} />
        {askReset ? <ResetDialog onConfirm={() => onReset('')} onCancel={() => setAskReset(false)} /> : null}
      </View>
    )
  }

  const { hall, lines } = place
  const status = hallStatus(hall)
  const closedText = hall.open_now ? '' : hallClosedText(hall, hallMinutes(now, hall.timezone))

  function body () {
    switch (step.name) {
      case 'home':
        return (
          <View className='kiosk-body' id='kiosk-home' data-testid='kiosk-home'>
            {closedText ? <View className='kiosk-closed' id='kiosk-closed' data-testid='kiosk-closed' role='status'>{closedText}</View> : null}
            <Text className='kiosk-title'>{state.green ? '绿色通道：请选择业务' : '请选择要办理的业务'}</Text>
            {lines.length === 0 ? (
              <View className='kiosk-empty' id='kiosk-empty' data-testid='kiosk-empty'>本大厅暂未开放自助取号，请咨询工作人员。</View>
            ) : (
              <View className='kiosk-lines' id='kiosk-lines'>
                {lines.map((line) => (
                  <Button
                    key={line.prefix}
                    className='kiosk-line'
                    id={`kiosk-line-${line.prefix}`}
                    data-testid={`kiosk-line-${line.prefix}`}
                    data-waiting={line.waiting ?? ''}
                    aria-label={`${line.name}，${waitingWords(line.waiting) || '点击取号'}`}
                    onClick={() => dispatch({ type: 'line', line })}
                  >
                    <Text className='kiosk-line__letter'>{line.prefix}</Text>
                    <View className='kiosk-line__text'>
                      <Text className='kiosk-line__name'>{line.name}</Text>
                      {line.items.length ? <Text className='kiosk-line__items'>{itemsSummary(line.items)}</Text> : null}
                    </View>
                    <Text className='kiosk-line__waiting' id={`kiosk-line-${line.prefix}-waiting`} data-testid={`kiosk-line-${line.prefix}-waiting`}>
                      {waitingWords(line.waiting)}
                    </Text>
                  </Button>
                ))}
              </View>
            )}
            <View className='kiosk-row'>
              <Button className='kiosk-btn kiosk-btn--scan' id='kiosk-scan' data-testid='kiosk-scan' onClick={() => dispatch({ type: 'scan' })}>
                预约签到
              </Button>
              {state.green ? (
                <Button className='kiosk-btn kiosk-btn--secondary' id='kiosk-green-cancel' data-testid='kiosk-green-cancel' onClick={() => dispatch({ type: 'green-cancel' })}>
                  取消绿色通道
                </Button>
              ) : (
                <Button className='kiosk-btn kiosk-btn--green' id='kiosk-green' data-testid='kiosk-green' onClick={() => dispatch({ type: 'green' })}>
                  绿色通道
                </Button>
              )}
            </View>
            <Text className='kiosk-hint'>已预约的市民：请把手机上的预约签到二维码对准扫码器，或点“预约签到”。</Text>
          </View>
        )
      case 'green':
        return (
          <View className='kiosk-body' id='kiosk-green-confirm' data-testid='kiosk-green-confirm'>
            <Text className='kiosk-title'>绿色通道</Text>
            <View className='kiosk-panel'>
              <Text className='kiosk-text'>残疾人、孕妇等需要优先办理的市民，请由大厅工作人员确认后取号。</Text>
              <Text className='kiosk-text'>70 岁以上老人输入身份证号取号，系统会自动优先安排。</Text>
              <Text className='kiosk-text kiosk-text--strong'>请工作人员确认：工作人员已在现场，并已核实情况。</Text>
            </View>
            <View className='kiosk-row'>
              <Button className='kiosk-btn kiosk-btn--secondary' id='kiosk-green-back' data-testid='kiosk-green-back' onClick={() => dispatch({ type: 'green-cancel' })}>
                返回
              </Button>
              <Button className='kiosk-btn kiosk-btn--green' id='kiosk-green-ok' data-testid='kiosk-green-ok' onClick={() => dispatch({ type: 'green-confirmed' })}>
                工作人员已确认
              </Button>
            </View>
          </View>
        )
      case 'items':
        return (
          <View className='kiosk-body' id='kiosk-items' data-testid='kiosk-items'>
            <Text className='kiosk-title'>{step.line.name}：请选择具体事项</Text>
            <Button className='kiosk-btn kiosk-btn--secondary kiosk-any' id='kiosk-item-any' data-testid='kiosk-item-any' onClick={() => dispatch({ type: 'item', item: null })}>
              不确定具体事项，直接取号
            </Button>
            <View className='kiosk-grid'>
              {step.line.items.map((item) => (
                <Button key={item.code} className='kiosk-btn kiosk-btn--item' id={`kiosk-item-${item.code}`} data-testid={`kiosk-item-${item.code}`}
                  onClick={() => dispatch({ type: 'item', item })}
                >
                  <Text className='kiosk-item__name'>{item.name}</Text>
                  {item.detail ? <Text className='kiosk-item__detail'>{item.detail}</Text> : null}
                </Button>
              ))}
            </View>
            <BackButton onBack={() => dispatch({ type: 'back' })} />
          </View>
        )
      case 'identify':
        return (
          <View className='kiosk-body' id='kiosk-identify' data-testid='kiosk-identify'>
            <Text className='kiosk-title'>请选择取号方式</Text>
            <Text className='kiosk-subtitle'>
              {step.choice.item ? [step.choice.item.name, step.choice.item.detail].filter(Boolean).join(' · ') : step.choice.lineName}
            </Text>
            <View className='kiosk-list'>
              <Button className='kiosk-btn kiosk-btn--choice' id='kiosk-by-id' data-testid='kiosk-by-id'
                onClick={() => dispatch({ type: 'identify', how: 'id', key: newIdempotencyKey() })}
              >
                <Text className='kiosk-choice__title'>输入身份证号取号</Text>
                <Text className='kiosk-choice__text'>70 岁以上自动优先；已注册“掌上政务”的可在手机上收到叫号提醒</Text>
              </Button>
              <Button className='kiosk-btn kiosk-btn--choice' id='kiosk-by-phone' data-testid='kiosk-by-phone'
                onClick={() => dispatch({ type: 'identify', how: 'phone', key: newIdempotencyKey() })}
              >
                <Text className='kiosk-choice__title'>输入手机号取号</Text>
                <Text className='kiosk-choice__text'>已注册“掌上政务”的可在手机上收到叫号提醒</Text>
              </Button>
              <Button className='kiosk-btn kiosk-btn--choice' id='kiosk-no-id' data-testid='kiosk-no-id'
                onClick={() => dispatch({ type: 'identify', how: 'none', key: newIdempotencyKey() })}
              >
                <Text className='kiosk-choice__title'>不登记，直接取号</Text>
                <Text className='kiosk-choice__text'>凭号票排队</Text>
              </Button>
            </View>
            <BackButton onBack={() => dispatch({ type: 'back' })} />
          </View>
        )
      case 'pad': {
        const ready = padReady(step.value, step.mode)
        return (
          <View className='kiosk-body' id='kiosk-pad-step' data-testid='kiosk-pad-step'>
            <NumericPad id='kiosk-pad' mode={step.mode} value={step.value} onChange={(value) => dispatch({ type: 'pad', value })} />
            <View className='kiosk-row'>
              <BackButton onBack={() => dispatch({ type: 'back' })} />
              <Button
                className={`kiosk-btn kiosk-btn--primary${ready ? '' : ' kiosk-btn--disabled'}`}
                id='kiosk-pad-confirm'
                data-testid='kiosk-pad-confirm'
                disabled={!ready || undefined}
                onClick={() => { if (ready) dispatch({ type: 'pad-confirm', key: newIdempotencyKey() }) }}
              >
                确定取号
              </Button>
            </View>
          </View>
        )
      }
      case 'scan':
        return (
          <View className='kiosk-body' id='kiosk-scan-step' data-testid='kiosk-scan-step'>
            <Text className='kiosk-title'>预约签到</Text>
            {step.camera ? (
              <Camera onCode={(text) => {
                const code = checkInCode(text)
                if (code) dispatch({ type: 'scanned', code })
              }}
              />
            ) : (
              <View className='kiosk-panel'>
                <Text className='kiosk-text kiosk-text--strong'>请打开“掌上政务”里的预约详情，把签到二维码对准扫码器。</Text>
                <Text className='kiosk-text'>预约时段开始前 1 小时起可以签到，签到后直接打印排队号。</Text>
              </View>
            )}
            <View className='kiosk-row'>
              <BackButton onBack={() => dispatch({ type: 'back' })} />
              {step.camera ? null : (
                <Button className='kiosk-btn kiosk-btn--secondary' id='kiosk-camera-open' data-testid='kiosk-camera-open' onClick={() => dispatch({ type: 'camera', on: true })}>
                  使用摄像头扫码
                </Button>
              )}
            </View>
          </View>
        )
      case 'busy':
        return (
          <View className='kiosk-body kiosk-body--center' id='kiosk-busy' data-testid='kiosk-busy' role='status'>
            <View className='kiosk-spinner' />
            <Text className='kiosk-big'>{step.attempt.kind === 'take' ? '正在取号，请稍候…' : '正在签到，请稍候…'}</Text>
          </View>
        )
      case 'ticket':
        return (
          <TicketView
            ticket={step.ticket}
            hallName={hall.name}
            timeZone={hall.timezone}
            checkedIn={step.checkedIn}
            autoPrint={autoPrint}
            onDone={() => dispatch({ type: 'reset' })}
          />
        )
      case 'error': {
        const shown = kioskErrorView(step.error, { hall, nowMs: now })
        return (
          <View className='kiosk-body' id='kiosk-error' data-testid='kiosk-error' data-code={shown.code} role='alert'>
            <View className='kiosk-error'>
              <Text className='kiosk-error__title' id='kiosk-error-title' data-testid='kiosk-error-title'>{shown.title}</Text>
              <Text className='kiosk-error__detail' id='kiosk-error-detail' data-testid='kiosk-error-detail'>{shown.detail}</Text>
            </View>
            <View className='kiosk-row'>
              <Button className='kiosk-btn kiosk-btn--secondary' id='kiosk-home-button' data-testid='kiosk-home-button' onClick={() => dispatch({ type: 'reset' })}>
                返回首页
              </Button>
              {shown.retry ? (
                <Button className='kiosk-btn kiosk-btn--primary' id='kiosk-retry' data-testid='kiosk-retry' onClick={() => dispatch({ type: 'retry' })}>
                  重试
                </Button>
              ) : null}
            </View>
          </View>
        )
      }
      default:
        return null
    }
  }

  return (
    <View className='kiosk' id='hall-kiosk' data-testid='hall-kiosk' data-state={step.name} data-green={state.green ? '1' : '0'} data-hall-id={hall.id}>
      <View className='kiosk-header kiosk-noprint'>
        <View className='kiosk-header__place'>
          <Text className='kiosk-header__hall' id='kiosk-hall' data-testid='kiosk-hall'>{hall.name}</Text>
          <Text className={`kiosk-header__status kiosk-header__status--${status.tone}`} id='kiosk-hall-status' data-testid='kiosk-hall-status'>
            {status.text} · 今日 {hoursText(hall.today_hours)}
          </Text>
        </View>
        <Text className='kiosk-header__clock' id='kiosk-clock' aria-label='现在时间'>{clockText(now, hall.timezone).slice(0, 5)}</Text>
        <SettingsCorner onTap={onCorner} onLongPress={() => setAskReset(true)} />
      </View>
      {state.green && step.name !== 'green' ? (
        <View className='kiosk-green-banner kiosk-noprint' id='kiosk-green-banner' data-testid='kiosk-green-banner' role='status'>绿色通道 · 优先办理</View>
      ) : null}
      {body()}
      {process.env.TARO_ENV === 'h5' && scanning ? (
        <input
          ref={scanInput}
          className='kiosk-scan-input'
          id='kiosk-scan-input'
          data-testid='kiosk-scan-input'
          inputMode='none'
          readOnly
          tabIndex={-1}
          aria-hidden='true'
        />
      ) : null}
      {idleApplies(step) && showCountdown(secondsLeft) ? (
        <View className='kiosk-idle kiosk-noprint' id='kiosk-idle' data-testid='kiosk-idle' data-seconds={secondsLeft} role='status' aria-live='polite'>
          <Text className='kiosk-idle__text'>{secondsLeft} 秒后返回首页</Text>
          <Button className='kiosk-btn kiosk-btn--primary kiosk-idle__stay' id='kiosk-idle-stay' data-testid='kiosk-idle-stay'
            onClick={() => { lastActivity.current = Date.now(); setNow(Date.now()) }}
          >
            继续操作
          </Button>
        </View>
      ) : null}
      {askReset ? <ResetDialog onConfirm={() => onReset('')} onCancel={() => setAskReset(false)} /> : null}
    </View>
  )
}

function BackButton ({ onBack }: { onBack: () => void }) {
  return (
    <Button className='kiosk-btn kiosk-btn--secondary kiosk-back' id='kiosk-back' data-testid='kiosk-back' onClick={onBack}>返回</Button>
  )
}

/** The hidden corner: five quick taps (or a long press) ask whether to reset the kiosk's token. */
function SettingsCorner ({ onTap, onLongPress }: { onTap: () => void, onLongPress: () => void }) {
  return (
    <View className='kiosk-corner kiosk-noprint' id='kiosk-settings' data-testid='kiosk-settings' role='button' aria-label='设置（工作人员使用）'
      onClick={onTap} onLongPress={onLongPress}
    />
  )
}

function ResetDialog ({ onConfirm, onCancel }: { onConfirm: () => void, onCancel: () => void }) {
  return (
    <View className='kiosk-modal kiosk-noprint' id='kiosk-reset' data-testid='kiosk-reset' role='dialog' aria-label='重新设置本机'>
      <View className='kiosk-modal__box'>
        <Text className='kiosk-title'>重新设置本机？</Text>
        <Text className='kiosk-text'>将清除本机保存的设备令牌，需要重新输入令牌后才能取号。仅限工作人员操作。</Text>
        <View className='kiosk-row'>
          <Button className='kiosk-btn kiosk-btn--secondary' id='kiosk-reset-cancel' data-testid='kiosk-reset-cancel' onClick={onCancel}>取消</Button>
          <Button className='kiosk-btn kiosk-btn--danger' id='kiosk-reset-confirm' data-testid='kiosk-reset-confirm' onClick={onConfirm}>清除令牌，重新设置</Button>
        </View>
      </View>
    </View>
  )
}
