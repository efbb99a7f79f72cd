/**
 * The window-staff console's rules (docs/queue.md): which action fits the ticket at the window, the
 * keyboard shortcuts, the remembered hall and window, pause reasons, outcomes, durations, and which
 * halls a staff member's roles reach. Pure: no @tarojs import.
 */

/** Everything the console can do to the window's ticket (and 叫号 for the next one). */
export type ConsoleAction = 'call' | 'recall' | 'start' | 'skip' | 'hold' | 'resume' | 'transfer' | 'complete'

export const ACTION_LABELS: Record<ConsoleAction, string> = {
  call: '叫号',
  recall: '重呼',
  start: '开始办理',
  skip: '过号',
  hold: '挂起',
  resume: '恢复办理',
  transfer: '转窗',
  complete: '办结',
}

/** The all-day actions on function keys (F5 reloads, F11/F12 belong to the browser: never used). */
export const SHORTCUTS: Record<string, ConsoleAction[]> = {
  F1: ['call'],
  F2: ['recall'],
  F3: ['start'],
  F4: ['skip'],
  F6: ['hold', 'resume'],
  F7: ['transfer'],
  F8: ['complete'],
}

/** `F6` for hold and resume alike; '' when the action has no key. */
export function shortcutOf (action: ConsoleAction): string {
  for (const [key, actions] of Object.entries(SHORTCUTS)) {
    if (actions.includes(action)) return key
  }
  return ''
}

/** A ticket's state as the window sees it. */
const TICKET_STATES: Record<string, string> = {
  called: '已叫号，等待到窗',
  serving: '正在办理',
  held: '已挂起（取材料）',
  waiting: '排队中',
  skipped: '已过号',
  done: '已办结',
  no_show: '未到场',
  cancelled: '已取消',
}

export function ticketStateText (status: string | null | undefined): string {
  if (!status) return ''
  return TICKET_STATES[status] ?? '状态未知'
}

export interface ConsoleState {
  /** The state of the ticket the window works on; null when none is. */
  ticketStatus: string | null
  /** Today's session: open, paused, closed; null before it is opened (calling opens it). */
  windowStatus: string | null
  /** A request is on its way: nothing else until it answers. */
  busy: boolean
}

/**
 * The actions that fit now. 叫号 needs no called or serving ticket at the window (a held one may wait while the
 * next is served) and a window that is not paused; the rest follow the ticket's state (docs/queue.md).
 */
export function allowedActions (state: ConsoleState): Set<ConsoleAction> {
  const allowed = new Set<ConsoleAction>()
  if (state.busy) return allowed
  const status = state.ticketStatus
  if ((status === null || status === 'held') && state.windowStatus !== 'paused') allowed.add('call')
  if (status === 'called') {
    allowed.add('recall')
    allowed.add('start')
    allowed.add('skip')
    allowed.add('transfer')
  }
  if (status === 'serving') {
    allowed.add('hold')
    allowed.add('transfer')
    allowed.add('complete')
  }
  if (status === 'held') allowed.add('resume')
  return allowed
}

/** Why 叫号 is not available, in words for the button's hint; '' when it is. */
export function callBlockedReason (state: ConsoleState): string {
  if (state.windowStatus === 'paused') return '窗口已暂停，恢复后才能叫号'
  if (state.ticketStatus === 'called' || state.ticketStatus === 'serving') return '请先办结、过号或转走当前号码'
  return ''
}

/** The action a function key triggers now (F6 holds a served ticket or resumes a held one), or null. */
export function actionForKey (key: string, state: ConsoleState): ConsoleAction | null {
  const actions = SHORTCUTS[key]
  if (!actions) return null
  const allowed = allowedActions(state)
  return actions.find((action) => allowed.has(action)) ?? null
}

/** Whether the console takes the key for itself (its default, e.g. F1's help page, is then prevented). */
export function isShortcutKey (key: string): boolean {
  return key in SHORTCUTS
}

// --- The window's day ---------------------------------------------------------------------------------

const WINDOW_STATES: Record<string, string> = {
  open: '办理中',
  paused: '已暂停',
  closed: '已结束今日办理',
}

/** 办理中 / 已暂停 / 未开窗 for today's session (null: not opened today). */
export function windowStateText (status: string | null | undefined): string {
  if (!status) return '今日未开窗'
  return WINDOW_STATES[status] ?? '状态未知'
}

/** Reasons offered for a pause (each 5-200 characters, as the API requires); the clerk may type another. */
export const PAUSE_REASONS = ['临时离开窗口', '系统故障，等待恢复', '午间休息时间', '参加业务培训']

export const REASON_MIN = 5
export const REASON_MAX = 200

/** A reason (pause, reveal) the API will take: 5-200 characters; the problem in words, or ''. */
export function reasonProblem (reason: string): string {
  const text = reason.trim()
  if (text.length < REASON_MIN) return `请填写原因（至少 ${REASON_MIN} 个字）`
  if (text.length > REASON_MAX) return `原因最多 ${REASON_MAX} 个字`
  return ''
}

export const OUTCOMES: { key: 'done' | 'referred' | 'incomplete', label: string, hint: string }[] = [
  { key: 'done', label: '办结', hint: '事项已办完' },
  { key: 'referred', label: '转办', hint: '交由其他部门或窗口处理' },
  { key: 'incomplete', label: '材料不全', hint: '已一次性告知需补齐的材料' },
]

/** An optional application id typed at completion: null when empty, a positive integer, else undefined (invalid). */
export function parseApplicationId (text: string): number | null | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (!/^[1-9]\d{0,15}$/.test(trimmed)) return undefined
  const id = Number(trimmed)
  return Number.isSafeInteger(id) ? id : undefined
}

/** `5分30秒`, `45秒`, `1小时2分`; '—' when nothing was measured yet. */
export function durationText (seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const total = Math.round(seconds)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = total % 60
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分` : `${hours}小时`
  if (minutes > 0) return rest > 0 ? `${minutes}分${rest}秒` : `${minutes}分`
  return `${rest}秒`
}

// --- Remembering the hall and window ------------------------------------------------------------------

export const WINDOW_CHOICE_KEY = 'palmgov.staff.window'

export interface WindowChoice {
  hallId: number
  windowId: number
}

export function isWindowChoice (value: unknown): value is WindowChoice {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return Number.isSafeInteger(v.hallId) && (v.hallId as number) > 0 &&
    Number.isSafeInteger(v.windowId) && (v.windowId as number) > 0
}

// --- Which halls the roles reach ----------------------------------------------------------------------

export interface GrantLike {
  role: string
  scope_kind: string
  scope_id?: number | null
}

/**
 * The halls whose windows the roles may reach: every hall for a scope `all` or a region (the public hall list
 * does not say which region holds which, so the server's 404 has the last word), only the named ones for hall
 * scopes, none for department scopes alone (their work is the applications).
 */
export function hallsInReach<H extends { id: number }> (halls: readonly H[], grants: readonly GrantLike[]): H[] {
  if (grants.some((grant) => grant.scope_kind === 'all' || grant.scope_kind === 'region')) return [...halls]
  const named = new Set(grants.filter((grant) => grant.scope_kind === 'hall').map((grant) => grant.scope_id))
  return halls.filter((hall) => named.has(hall.id))
}

const ROLE_WORDS: Record<string, string> = {
  window_staff: '窗口工作人员',
  dept_admin: '部门管理员',
  supervisor: '监察人员',
  sys_admin: '系统管理员',
}

/** 窗口工作人员、监察人员: the roles held, in words, each once. */
export function rolesText (grants: readonly GrantLike[]): string {
  const roles = [...new Set(grants.map((grant) => grant.role))]
  return roles.map((role) => ROLE_WORDS[role] ?? role).join('、')
}

// --- Downloads -----------------------------------------------------------------------------------------

/**
 * The file name a `Content-Disposition` header gives (`filename*=UTF-8''…` first, then `filename="…"`),
 * without any folder part; null when there is none.
 */
export function dispositionFilename (header: string | null | undefined): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  let name: string | null = null
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''))
    } catch {
      name = null
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header)
    if (plain) name = (plain[2] ?? plain[1]).trim()
  }
  if (!name) return null
  const base = name.split(/[\\/]/).pop() ?? ''
  return base === '' || base === '.' || base === '..' ? null : base
}
