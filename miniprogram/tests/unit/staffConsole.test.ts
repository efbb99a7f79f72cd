import { describe, expect, it } from 'vitest'

import {
  actionForKey, allowedActions, callBlockedReason, type ConsoleState, dispositionFilename,
  durationText, hallsInReach, isShortcutKey, isWindowChoice, parseApplicationId, reasonProblem, rolesText, shortcutOf,
  ticketStateText, windowStateText,
} from '../../src/utils/staffConsole'

function state (ticketStatus: string | null, windowStatus: string | null = 'open', busy = false): ConsoleState {
  return { ticketStatus, windowStatus, busy }
}

describe('the actions that fit the ticket at the window', () => {
  it('calls the next one only when no one is called or served there and the window is not paused', () => {
    expect([...allowedActions(state(null))]).toEqual(['call'])
    expect(allowedActions(state(null, null)).has('call')).toBe(true) // calling opens the window
    expect(allowedActions(state(null, 'paused')).has('call')).toBe(false)
    expect(allowedActions(state('called')).has('call')).toBe(false)
    expect(allowedActions(state('serving')).has('call')).toBe(false)
    // A held resident fetches papers: the clerk serves the next one meanwhile.
    expect([...allowedActions(state('held'))].sort()).toEqual(['call', 'resume'])
  })

  it('follows the ticket states of docs/queue.md', () => {
    expect([...allowedActions(state('called'))].sort()).toEqual(['recall', 'skip', 'start', 'transfer'])
    expect([...allowedActions(state('serving'))].sort()).toEqual(['complete', 'hold', 'transfer'])
  })

  it('allows nothing while a request is on its way', () => {
    expect(allowedActions(state('serving', 'open', true)).size).toBe(0)
  })

  it('says why calling is not possible', () => {
    expect(callBlockedReason(state(null, 'paused'))).toContain('暂停')
    expect(callBlockedReason(state('called'))).toContain('当前号码')
    expect(callBlockedReason(state(null))).toBe('')
    expect(callBlockedReason(state('held'))).toBe('')
  })
})

describe('function keys', () => {
  it('map the all-day actions, F6 holding or resuming as fits', () => {
    expect(actionForKey('F1', state(null))).toBe('call')
    expect(actionForKey('F2', state('called'))).toBe('recall')
    expect(actionForKey('F3', state('called'))).toBe('start')
    expect(actionForKey('F4', state('called'))).toBe('skip')
    expect(actionForKey('F6', state('serving'))).toBe('hold')
    expect(actionForKey('F6', state('held'))).toBe('resume')
    expect(actionForKey('F8', state('serving'))).toBe('complete')
    expect(actionForKey('F7', state('called'))).toBe('transfer')
  })

  it('do nothing when the action does not fit, or for keys that are not shortcuts', () => {
    expect(actionForKey('F1', state('serving'))).toBeNull()
    expect(actionForKey('F8', state('called'))).toBeNull()
    expect(actionForKey('F5', state(null))).toBeNull()
    expect(isShortcutKey('F5')).toBe(false)
    expect(isShortcutKey('F12')).toBe(false)
    expect(isShortcutKey('F1')).toBe(true)
  })

  it('are shown on the buttons', () => {
    expect(shortcutOf('resume')).toBe('F6')
    expect(shortcutOf('call')).toBe('F1')
    expect(shortcutOf('complete')).toBe('F8')
  })
})

describe('words', () => {
  it('name ticket and window states', () => {
    expect(ticketStateText('held')).toContain('挂起')
    expect(ticketStateText('what')).toBe('状态未知')
    expect(ticketStateText(null)).toBe('')
    expect(windowStateText(null)).toBe('今日未开窗')
    expect(windowStateText('paused')).toBe('已暂停')
  })

  it('name the roles once each', () => {
    expect(rolesText([
      { role: 'window_staff', scope_kind: 'hall', scope_id: 1 },
      { role: 'window_staff', scope_kind: 'hall', scope_id: 2 },
      { role: 'supervisor', scope_kind: 'all' },
    ])).toBe('窗口工作人员、监察人员')
  })
})

describe('reasons, ids and durations', () => {
  it('need 5 to 200 characters of reason', () => {
    expect(reasonProblem('离开')).toContain('至少 5')
    expect(reasonProblem('   临时离开窗口  ')).toBe('')
    expect(reasonProblem('很'.repeat(201))).toContain('最多 200')
  })

  it('read an optional application id', () => {
    expect(parseApplicationId('')).toBeNull()
    expect(parseApplicationId(' 42 ')).toBe(42)
    expect(parseApplicationId('0')).toBeUndefined()
    expect(parseApplicationId('4a')).toBeUndefined()
    expect(parseApplicationId('99999999999999999')).toBeUndefined()
  })

  it('show a duration in minutes and seconds', () => {
    expect(durationText(330)).toBe('5分30秒')
    expect(durationText(300)).toBe('5分')
    expect(durationText(45)).toBe('45秒')
    expect(durationText(3720)).toBe('1小时2分')
    expect(durationText(null)).toBe('—')
    expect(durationText(-1)).toBe('—')
  })
})

describe('the remembered window', () => {
  it('is a hall and a window id', () => {
    expect(isWindowChoice({ hallId: 1, windowId: 3 })).toBe(true)
    expect(isWindowChoice({ hallId: 1 })).toBe(false)
    expect(isWindowChoice({ hallId: '1', windowId: 3 })).toBe(false)
    expect(isWindowChoice(null)).toBe(false)
  })
})

describe('halls in reach', () => {
  const halls = [{ id: 1, name: 'A' }, { id: 2, name: 'B' }, { id: 3, name: 'C' }]

  it('are every hall for a scope all or a region', () => {
    expect(hallsInReach(halls, [{ role: 'window_staff', scope_kind: 'all' }])).toHaveLength(3)
    expect(hallsInReach(halls, [{ role: 'window_staff', scope_kind: 'region', scope_id: 9 }])).toHaveLength(3)
  })

  it('are the named halls for hall scopes, and none for department scopes', () => {
    expect(hallsInReach(halls, [{ role: 'window_staff', scope_kind: 'hall', scope_id: 2 }]).map((h) => h.id)).toEqual([2])
    expect(hallsInReach(halls, [{ role: 'dept_admin', scope_kind: 'department', scope_id: 2 }])).toEqual([])
  })
})

describe('a download file name', () => {
  it('comes from Content-Disposition, the UTF-8 form first, without folders', () => {
    expect(dispositionFilename('attachment; filename="stats.csv"')).toBe('stats.csv')
    expect(dispositionFilename("attachment; filename=x.csv; filename*=UTF-8''%E7%BB%9F%E8%AE%A1.csv")).toBe('统计.csv')
    expect(dispositionFilename('attachment; filename="../../etc/passwd"')).toBe('passwd')
    expect(dispositionFilename('attachment; filename=plain.pdf')).toBe('plain.pdf')
    expect(dispositionFilename('attachment')).toBeNull()
    expect(dispositionFilename(null)).toBeNull()
  })
})
