/**
 * Calling at one window all day: 叫号, 重呼, 开始办理, 过号, 挂起/恢复, 转窗, 办结, each on its button and
 * on a function key; the ticket at the window with its holder; the window's day beside it. Reads again
 * after every action and every 10 seconds (other windows call from the same lines).
 */
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { errorText, isApiError } from '../../api/errors'
import {
  atWindow, callNext, completeTicket, hallBoard, hallWindows, type Outcome, ticketStep, transferTicket, windowToday,
} from '../../api/staff'
import Async from '../../components/Async'
import {
  ACTION_LABELS, actionForKey, allowedActions, callBlockedReason, type ConsoleAction,
  type ConsoleState, isShortcutKey, OUTCOMES, parseApplicationId, shortcutOf, type WindowChoice,
} from '../../utils/staffConsole'
import { useLoad } from '../../utils/useLoad'
import ResidentCard, { Checklist } from './ResidentCard'
import WindowPanel from './WindowPanel'

const REFRESH_MS = 10000

/** The buttons of the action bar, in the order a clerk uses them. */
const BAR: ConsoleAction[] = ['call', 'recall', 'start', 'skip', 'hold', 'resume', 'transfer', 'complete']

interface WindowDeskProps {
  choice: WindowChoice
  onChangeWindow: () => void
  /** The hall's name and the window's number, for the top bar. */
  onPlace: (place: string) => void
}

type Form = 'none' | 'transfer' | 'complete'

export default function WindowDesk ({ choice, onChangeWindow, onPlace }: WindowDeskProps) {
  const { hallId, windowId } = choice
  const windows = useLoad(() => hallWindows(hallId), [hallId])
  const at = useLoad(() => atWindow(windowId), [windowId])
  const today = useLoad(() => windowToday(windowId), [windowId])
  const board = useLoad(() => hallBoard(hallId), [hallId])
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [form, setForm] = useState<Form>('none')
  const [transferMode, setTransferMode] = useState<'line' | 'window'>('line')
  const [transferLine, setTransferLine] = useState('')
  const [transferWindow, setTransferWindow] = useState('')
  const [outcome, setOutcome] = useState<Outcome>('done')
  const [applicationId, setApplicationId] = useState('')
  const [formProblem, setFormProblem] = useState('')
  const firstFieldRef = useRef<HTMLInputElement>(null)

  const here = windows.data?.find((w) => w.id === windowId) ?? null
  const ticket = at.data?.ticket ?? null
  const state: ConsoleState = {
    ticketStatus: ticket?.status ?? null,
    windowStatus: here?.session?.status ?? null,
    busy: busy || at.data === null,
  }
  const allowed = allowedActions(state)

  useEffect(() => {
    if (here && board.data) onPlace(`${board.data.hall_name} · ${here.number}号窗口`)
  }, [here?.number, board.data?.hall_name])

  const refreshAll = useCallback(() => {
    windows.reload()
    at.reload()
    today.reload()
    board.reload()
  }, [windows.reload, at.reload, today.reload, board.reload])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') {
        windows.reload()
        board.reload()
        today.reload()
      }
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [windows.reload, board.reload, today.reload])

  // The ticket changed: forms of the previous one close.
  useEffect(() => {
    setForm('none')
    setFormProblem('')
  }, [ticket?.id])

  async function act (request: () => Promise<string>) {
    setBusy(true)
    setError(null)
    setNotice('')
    try {
      setNotice(await request())
      setForm('none')
    } catch (e) {
      setError(e)
    }
    // Whatever happened (a 409 means the ticket or window moved on), show the server's truth; the buttons
    // wait for it, so a second F1 never calls a second ticket on a stale view.
    today.reload()
    board.reload()
    await Promise.all([at.reload(), windows.reload()])
    setBusy(false)
  }

  function openForm (which: Form) {
    setForm(which)
    setFormProblem('')
    if (which === 'transfer') {
      setTransferLine('')
      setTransferWindow('')
    } else {
      setOutcome('done')
      setApplicationId('')
    }
    if (process.env.TARO_ENV === 'h5') setTimeout(() => firstFieldRef.current?.focus(), 0)
  }

  function trigger (action: ConsoleAction) {
    if (!allowed.has(action)) return
    const id = ticket?.id
    if (action === 'call') {
      act(async () => {
        const called = await callNext(windowId)
        return called.ticket ? `已叫号：${called.ticket.number}` : '现在没有等候的号码'
      })
    } else if (action === 'transfer' || action === 'complete') {
      openForm(action)
    } else if (id !== undefined) {
      act(async () => {
        const after = await ticketStep(windowId, id, action)
        if (action === 'recall' && after.status === 'no_show') return `${after.number} 多次呼叫未到，已按未到场处理`
        return `${after.number}：${ACTION_LABELS[action]}`
      })
    }
  }

  // Function keys: the latest handler, bound once.
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined)
  keyHandler.current = (event: KeyboardEvent) => {
    if (!isShortcutKey(event.key)) return
    event.preventDefault()
    const action = actionForKey(event.key, state)
    if (action) trigger(action)
  }
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    const listener = (event: KeyboardEvent) => keyHandler.current(event)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])

  function onTransfer (event: FormEvent) {
    event.preventDefault()
    if (!ticket) return
    const target = transferMode === 'line' ? transferLine : transferWindow
    if (!target) {
      setFormProblem(transferMode === 'line' ? '请选择要转去的业务' : '请选择要转去的窗口')
      return
    }
    act(async () => {
      const moved = await transferTicket(windowId, ticket.id, transferMode === 'line' ? { category: target } : { window: target })
      return transferMode === 'line' ? `${moved.number} 已转到 ${target} 类业务排队` : `${moved.number} 已转到 ${target}号窗口`
    })
  }

  function onComplete (event: FormEvent) {
    event.preventDefault()
    if (!ticket) return
    const linked = parseApplicationId(applicationId)
    if (linked === undefined) {
      setFormProblem('办件 ID 应为数字，不关联办件请留空')
      return
    }
    act(async () => {
      const done = await completeTicket(windowId, ticket.id, outcome, linked ?? undefined)
      return `${done.number} 已办结（${OUTCOMES.find((o) => o.key === outcome)?.label ?? outcome}）`
    })
  }

  const lines = board.data?.waiting ?? []
  const otherWindows = (windows.data ?? []).filter((w) => w.id !== windowId)

  return (
    <View className='staff-desk' id='staff-desk' data-testid='staff-desk' data-window-id={windowId}>
      <View className='staff-desk__main'>
        <Async id='staff-at-window' load={at}>
          {(data) => (
            <ResidentCard
              at={data} busy={busy}
              onResume={(ticketId) => act(async () => `${(await ticketStep(windowId, ticketId, 'resume')).number}：恢复办理`)}
            />
          )}
        </Async>
        <View className='hs-card staff-actions' id='staff-actions'>
          <View className='staff-actions__bar' role='toolbar' aria-label='叫号操作'>
            {BAR.filter((action) => action !== 'resume' || state.ticketStatus === 'held')
              .filter((action) => action !== 'hold' || state.ticketStatus !== 'held')
              .map((action) => (
                <button
                  key={action} type='button' id={`staff-action-${action}`} data-testid={`staff-action-${action}`}
                  className={`hs-btn hs-btn--big ${action === 'call' ? '' : 'hs-btn--secondary'} ${action === 'skip' ? 'hs-btn--danger' : ''}`}
                  disabled={!allowed.has(action)} aria-keyshortcuts={shortcutOf(action)}
                  onClick={() => trigger(action)}
                >
                  <Text className='staff-action__label'>{ACTION_LABELS[action]}</Text>
                  <Text className='staff-action__key'>{shortcutOf(action)}</Text>
                </button>
              ))}
          </View>
          {callBlockedReason(state) && !busy ? <Text className='hs-muted staff-actions__hint'>{callBlockedReason(state)}</Text> : null}
          {notice ? <View className='hs-notice' role='status' id='staff-notice' data-testid='staff-notice'>{notice}</View> : null}
          {error ? (
            <View className='pg-error' role='alert' id='staff-error' data-testid='staff-error' data-code={isApiError(error) ? error.code : ''}>
              {errorText(error)}
            </View>
          ) : null}

          {form === 'transfer' && ticket ? (
            <form className='staff-form' id='staff-transfer-form' data-testid='staff-transfer-form' onSubmit={onTransfer} noValidate>
              <fieldset className='staff-fieldset'>
                <legend className='hs-label'>转给</legend>
                <View className='hs-row'>
                  <label className='staff-check'>
                    <input className='hs-box' ref={transferMode === 'line' ? firstFieldRef : undefined} type='radio' name='transfer-mode' id='staff-transfer-mode-line' checked={transferMode === 'line'} onChange={() => setTransferMode('line')} />
                    其他业务（重新在该业务排队，保留原取号时间）
                  </label>
                  <label className='staff-check'>
                    <input className='hs-box' type='radio' name='transfer-mode' id='staff-transfer-mode-window' checked={transferMode === 'window'} onChange={() => setTransferMode('window')} />
                    指定窗口
                  </label>
                </View>
              </fieldset>
              {transferMode === 'line' ? (
                <View className='hs-field'>
                  <label className='hs-label' htmlFor='staff-transfer-line'>业务</label>
                  <select className='hs-select' id='staff-transfer-line' data-testid='staff-transfer-line' value={transferLine} onChange={(e) => setTransferLine(e.target.value)}>
                    <option value=''>请选择</option>
                    {lines.map((line) => <option key={line.prefix} value={line.prefix}>{line.name}（{line.prefix}）</option>)}
                  </select>
                </View>
              ) : (
                <View className='hs-field'>
                  <label className='hs-label' htmlFor='staff-transfer-window'>窗口</label>
                  <select className='hs-select' id='staff-transfer-window' data-testid='staff-transfer-window' value={transferWindow} onChange={(e) => setTransferWindow(e.target.value)}>
                    <option value=''>请选择</option>
                    {otherWindows.map((w) => <option key={w.id} value={w.number}>{w.number}号窗口</option>)}
                  </select>
                </View>
              )}
              {formProblem ? <View className='hs-problem' role='alert'>{formProblem}</View> : null}
              <View className='hs-row staff-form-buttons'>
                <button type='submit' className='hs-btn' id='staff-transfer-submit' data-testid='staff-transfer-submit' disabled={busy}>确认转窗</button>
                <button type='button' className='hs-btn hs-btn--secondary' onClick={() => setForm('none')}>取消</button>
              </View>
            </form>
          ) : null}

          {form === 'complete' && ticket ? (
            <form className='staff-form' id='staff-complete-form' data-testid='staff-complete-form' onSubmit={onComplete} noValidate>
              <fieldset className='staff-fieldset'>
                <legend className='hs-label'>办理结果</legend>
                <View className='staff-options'>
                  {OUTCOMES.map((o, index) => (
                    <label key={o.key} className='staff-check'>
                      <input className='hs-box'
                        ref={index === 0 ? firstFieldRef : undefined} type='radio' name='outcome' id={`staff-outcome-${o.key}`}
                        data-testid={`staff-outcome-${o.key}`} checked={outcome === o.key} onChange={() => setOutcome(o.key)}
                      />
                      {o.label}<Text className='hs-muted'>（{o.hint}）</Text>
                    </label>
                  ))}
                </View>
              </fieldset>
              {outcome === 'incomplete' ? (
                <Text className='hs-muted'>请向办事人一次性告知缺少的全部材料（可打开下方材料清单的告知单打印）。</Text>
              ) : null}
              <View className='hs-field'>
                <label className='hs-label' htmlFor='staff-complete-application'>关联办件 ID（选填：本次办理的申请）</label>
                <input
                  className='hs-input staff-input--short' id='staff-complete-application' data-testid='staff-complete-application'
                  inputMode='numeric' value={applicationId} onChange={(e) => setApplicationId(e.target.value)}
                />
              </View>
              {formProblem ? <View className='hs-problem' role='alert'>{formProblem}</View> : null}
              <View className='hs-row staff-form-buttons'>
                <button type='submit' className='hs-btn' id='staff-complete-submit' data-testid='staff-complete-submit' disabled={busy}>确认办结</button>
                <button type='button' className='hs-btn hs-btn--secondary' onClick={() => setForm('none')}>取消</button>
              </View>
            </form>
          ) : null}
          <Text className='hs-muted staff-keys'>快捷键：F1 叫号 · F2 重呼 · F3 开始办理 · F4 过号 · F6 挂起/恢复 · F7 转窗 · F8 办结</Text>
        </View>
        {ticket && at.data?.item_code ? <Checklist code={at.data.item_code} /> : null}

      </View>

      <View className='staff-desk__side'>
        <Async id='staff-windows-load' load={windows}>
          {() => (here ? (
            <WindowPanel
              window={here} board={board.data} today={today} busy={busy} setBusy={setBusy}
              onChanged={(text) => {
                setError(null)
                setNotice(text)
                refreshAll()
              }}
            />
          ) : (
            <View className='pg-error' role='alert' id='staff-window-missing'>这个窗口已不在大厅的窗口列表中，请重新选择窗口。</View>
          ))}
        </Async>
        <button type='button' className='hs-btn hs-btn--secondary staff-change' id='staff-change-window' data-testid='staff-change-window' onClick={onChangeWindow}>
          更换大厅或窗口
        </button>
      </View>
    </View>
  )
}
