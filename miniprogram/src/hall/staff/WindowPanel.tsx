/**
 * The window's day: open it with the lines it serves, change them, pause with a reason, resume, close;
 * today's served count and average service time; how many wait in each line of the hall.
 */
import { type FormEvent, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { errorText } from '../../api/errors'
import {
  type Board, closeWindow, openWindow, pauseWindow, resumeWindow, type WindowAtWork, type WindowToday,
} from '../../api/staff'
import Async from '../../components/Async'
import { durationText, PAUSE_REASONS, reasonProblem, windowStateText } from '../../utils/staffConsole'
import type { Load } from '../../utils/useLoad'

interface WindowPanelProps {
  window: WindowAtWork
  board: Board | null
  today: Load<WindowToday>
  busy: boolean
  setBusy: (busy: boolean) => void
  /** After a change: read the window, the ticket and the counts again. */
  onChanged: (notice: string) => void
}

type Mode = 'view' | 'lines' | 'pause' | 'close'

export default function WindowPanel ({ window: w, board, today, busy, setBusy, onChanged }: WindowPanelProps) {
  const session = w.session
  const status = session?.status ?? null
  const [mode, setMode] = useState<Mode>('view')
  const [lines, setLines] = useState<string[]>(session?.categories ?? w.categories)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')

  useEffect(() => {
    if (mode !== 'lines') setLines(session?.categories ?? w.categories)
  }, [session?.categories?.join(','), w.categories.join(','), mode])

  const allLines = board?.waiting ?? w.categories.map((prefix) => ({ prefix, name: prefix, waiting: 0 }))

  async function run (request: () => Promise<unknown>, notice: string) {
    setBusy(true)
    setProblem('')
    try {
      await request()
      setMode('view')
      setReason('')
      onChanged(notice)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  function onOpen (event: FormEvent) {
    event.preventDefault()
    if (lines.length === 0) {
      setProblem('请至少选择一项办理业务')
      return
    }
    run(() => openWindow(w.id, lines), status === 'open' || status === 'paused' ? '已更新窗口的办理业务' : '窗口已开始办理')
  }

  function onPause (event: FormEvent) {
    event.preventDefault()
    const why = reasonProblem(reason)
    if (why) {
      setProblem(why)
      return
    }
    run(() => pauseWindow(w.id, reason.trim()), '窗口已暂停叫号')
  }

  const linesForm = (
    <form onSubmit={onOpen} id='staff-lines-form' data-testid='staff-lines-form' noValidate>
      <fieldset className='staff-fieldset'>
        <legend className='hs-label'>今天办理的业务</legend>
        <View className='hs-row'>
          {allLines.map((line) => (
            <label key={line.prefix} className='staff-check'>
              <input className='hs-box'
                type='checkbox' id={`staff-line-${line.prefix}`} data-testid={`staff-line-${line.prefix}`}
                checked={lines.includes(line.prefix)}
                onChange={(e) => setLines(e.target.checked ? [...lines, line.prefix] : lines.filter((p) => p !== line.prefix))}
              />
              {line.name}（{line.prefix}）
            </label>
          ))}
        </View>
      </fieldset>
      <View className='hs-row staff-form-buttons'>
        <button type='submit' className='hs-btn' id='staff-window-open' data-testid='staff-window-open' disabled={busy}>
          {status === 'open' || status === 'paused' ? '保存办理业务' : '开窗办理'}
        </button>
        {mode === 'lines' ? (
          <button type='button' className='hs-btn hs-btn--secondary' onClick={() => setMode('view')}>取消</button>
        ) : null}
      </View>
    </form>
  )

  return (
    <>
      <View className='hs-card' id='staff-window' data-testid='staff-window'>
        <h2 className='hs-card__title'>{w.number}号窗口</h2>
        <View className='hs-row'>
          <Text
            className={`hs-badge hs-badge--${status === 'open' ? 'green' : status === 'paused' ? 'amber' : 'gray'}`}
            id='staff-window-state' data-testid='staff-window-state' data-status={status ?? 'none'}
          >
            {windowStateText(status)}
          </Text>
          {session && status !== 'closed' ? (
            <Text className='hs-muted'>办理业务：{session.categories.join('、')}</Text>
          ) : null}
        </View>
        {status === 'paused' && session?.pause_reason ? (
          <Text className='hs-muted' id='staff-pause-shown'>暂停原因：{session.pause_reason}</Text>
        ) : null}
        {status === null || status === 'closed' ? (
          <>
            <Text className='hs-muted'>{status === 'closed' ? '今日已结束办理；重新开窗或直接叫号即可继续。' : '开窗后才在大厅里计入办理窗口；直接叫号也会按窗口设置的业务开窗。'}</Text>
            {linesForm}
          </>
        ) : null}
        {status === 'open' && mode === 'view' ? (
          <View className='hs-row staff-form-buttons'>
            <button type='button' className='hs-btn hs-btn--secondary' id='staff-window-pause' data-testid='staff-window-pause' disabled={busy} onClick={() => setMode('pause')}>暂停叫号</button>
            <button type='button' className='hs-btn hs-btn--secondary' id='staff-window-lines' disabled={busy} onClick={() => setMode('lines')}>调整办理业务</button>
            <button type='button' className='hs-btn hs-btn--danger' id='staff-window-close' data-testid='staff-window-close' disabled={busy} onClick={() => setMode('close')}>结束今日办理</button>
          </View>
        ) : null}
        {status === 'paused' ? (
          <View className='hs-row staff-form-buttons'>
            <button type='button' className='hs-btn' id='staff-window-resume' data-testid='staff-window-resume' disabled={busy} onClick={() => run(() => resumeWindow(w.id), '窗口已恢复叫号')}>恢复叫号</button>
            <button type='button' className='hs-btn hs-btn--danger' id='staff-window-close' data-testid='staff-window-close' disabled={busy} onClick={() => setMode('close')}>结束今日办理</button>
          </View>
        ) : null}
        {mode === 'lines' && status !== null && status !== 'closed' ? linesForm : null}
        {mode === 'pause' ? (
          <form onSubmit={onPause} id='staff-pause-form' data-testid='staff-pause-form' noValidate>
            <View className='hs-row' role='group' aria-label='常用暂停原因'>
              {PAUSE_REASONS.map((r) => (
                <button key={r} type='button' className='hs-chip' aria-pressed={reason === r} onClick={() => setReason(r)}>{r}</button>
              ))}
            </View>
            <View className='hs-field'>
              <label className='hs-label' htmlFor='staff-pause-reason'>暂停原因（监察人员可见，5-200 字）</label>
              <input className='hs-input' id='staff-pause-reason' data-testid='staff-pause-reason' value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
            </View>
            <View className='hs-row staff-form-buttons'>
              <button type='submit' className='hs-btn' id='staff-pause-submit' data-testid='staff-pause-submit' disabled={busy}>确认暂停</button>
              <button type='button' className='hs-btn hs-btn--secondary' onClick={() => setMode('view')}>取消</button>
            </View>
          </form>
        ) : null}
        {mode === 'close' ? (
          <View className='staff-confirm' role='alertdialog' aria-label='确认结束今日办理' id='staff-close-confirm'>
            <Text>结束后本窗口今天不再叫号（重新开窗或叫号可继续）。确认结束？</Text>
            <View className='hs-row staff-form-buttons'>
              <button type='button' className='hs-btn hs-btn--danger' id='staff-close-submit' data-testid='staff-close-submit' disabled={busy} onClick={() => run(() => closeWindow(w.id), '本窗口今日已结束办理')}>确认结束</button>
              <button type='button' className='hs-btn hs-btn--secondary' onClick={() => setMode('view')}>继续办理</button>
            </View>
          </View>
        ) : null}
        {problem ? <View className='pg-error' role='alert' id='staff-window-error' data-testid='staff-window-error'>{problem}</View> : null}
      </View>

      <View className='hs-card' id='staff-today' data-testid='staff-today'>
        <h2 className='hs-card__title'>本窗口今日</h2>
        <Async id='staff-today' load={today}>
          {(t) => (
            <View className='staff-stats'>
              <View className='staff-stat'>
                <Text className='staff-stat__value' id='staff-today-served' data-testid='staff-today-served'>{t.served}</Text>
                <Text className='staff-stat__label'>已办结（人）</Text>
              </View>
              <View className='staff-stat'>
                <Text className='staff-stat__value' id='staff-today-average' data-testid='staff-today-average'>{durationText(t.average_service_seconds)}</Text>
                <Text className='staff-stat__label'>平均办理时长</Text>
              </View>
              <View className='staff-stat'>
                <Text className='staff-stat__value' id='staff-today-called'>{t.called}</Text>
                <Text className='staff-stat__label'>叫号</Text>
              </View>
              <View className='staff-stat'>
                <Text className='staff-stat__value' id='staff-today-skipped'>{t.skipped + t.no_show}</Text>
                <Text className='staff-stat__label'>过号 / 未到</Text>
              </View>
              <Text className='hs-muted staff-stats__note'>
                办结 {t.outcomes.done}，转办 {t.outcomes.referred}，材料不全 {t.outcomes.incomplete}，转窗 {t.transferred}
              </Text>
            </View>
          )}
        </Async>
      </View>

      <View className='hs-card' id='staff-waiting' data-testid='staff-waiting'>
        <h2 className='hs-card__title'>大厅等候人数</h2>
        {board ? (
          <table className='hs-table'>
            <thead><tr><th scope='col'>业务</th><th scope='col' className='hs-num'>等候</th></tr></thead>
            <tbody>
              {board.waiting.map((line) => (
                <tr key={line.prefix} data-testid={`staff-waiting-${line.prefix}`} className={session?.categories.includes(line.prefix) ? 'staff-mine' : ''}>
                  <td>{line.name}（{line.prefix}）{session?.categories.includes(line.prefix) ? ' · 本窗口' : ''}</td>
                  <td className='hs-num'>{line.waiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <Text className='hs-muted'>正在读取等候人数…</Text>}
      </View>
    </>
  )
}
