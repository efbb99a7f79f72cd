/**
 * Keeping the display board live: the server-sent event stream first, the snapshot by polling when
 * the stream keeps failing. Pure: no @tarojs import; the EventSource, the snapshot call and the timers
 * are handed in, so tests drive it with fakes.
 *
 * - The server ends each stream after 300 s and says `retry: 3000`: the browser reconnects by itself
 *   (readyState CONNECTING) and sends `Last-Event-ID`, so nothing is missed. That is a short blip.
 * - After a non-200 answer (503 while Redis is down) the browser gives up (readyState CLOSED): the
 *   board polls the snapshot and opens a new stream every `reopenMs`, passing the last event id.
 * - A stream that fails `failuresBeforePolling` times in a row without opening also starts polling,
 *   while the browser keeps trying. Polling stops once a stream opens.
 */
import type { Board, CallEvent, LineEvent } from '../api/board'
import { isCallEvent, isLineEvent, parseEventData } from './boardState'

/** What the board needs of an EventSource. */
export interface StreamLike {
  readonly readyState: number
  addEventListener: (type: string, listener: (event: { data?: unknown, lastEventId?: string }) => void) => void
  close: () => void
}

export const STREAM_CLOSED = 2

export type LinkStatus = 'connecting' | 'live' | 'reconnecting' | 'polling'

export interface FeedTimers {
  set: (run: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

export interface BoardFeedOptions {
  open: (lastEventId: string | null) => StreamLike
  fetchSnapshot: () => Promise<Board>
  onSnapshot: (board: Board) => void
  onCall: (event: CallEvent, eventId: string) => void
  onLine: (event: LineEvent) => void
  onStatus: (status: LinkStatus) => void
  timers?: FeedTimers
  reopenMs?: number
  pollMs?: number
  failuresBeforePolling?: number
}

export interface BoardFeed {
  start: () => void
  stop: () => void
}

export const REOPEN_MS = 10000
export const POLL_MS = 5000
export const FAILURES_BEFORE_POLLING = 3

const realTimers: FeedTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createBoardFeed (options: BoardFeedOptions): BoardFeed {
  const timers = options.timers ?? realTimers
  const reopenMs = options.reopenMs ?? REOPEN_MS
  const pollMs = options.pollMs ?? POLL_MS
  const threshold = options.failuresBeforePolling ?? FAILURES_BEFORE_POLLING
  let stream: StreamLike | null = null
  let lastId: string | null = null
  let failures = 0
  let running = false
  let status: LinkStatus | null = null
  let pollTimer: unknown = null
  let inFlight = false
  let reopenTimer: unknown = null

  function setStatus (next: LinkStatus): void {
    if (next === status) return
    status = next
    options.onStatus(next)
  }

  function remember (event: { lastEventId?: string }): string {
    if (event.lastEventId) lastId = event.lastEventId
    return event.lastEventId ?? ''
  }

  function poll (): void {
    pollTimer = null
    if (!running || status !== 'polling' || inFlight) return
    inFlight = true
    options.fetchSnapshot().then(
      (board) => {
        if (running && status === 'polling') options.onSnapshot(board)
      },
      () => undefined, // still down: the next poll tries again
    ).finally(() => {
      inFlight = false
      if (running && status === 'polling' && pollTimer === null) pollTimer = timers.set(poll, pollMs)
    })
  }

  function startPolling (): void {
    setStatus('polling')
    if (pollTimer === null) poll()
  }

  function stopPolling (): void {
    if (pollTimer !== null) timers.clear(pollTimer)
    pollTimer = null
  }

  function closeStream (): void {
    stream?.close()
    stream = null
  }

  function connect (): void {
    reopenTimer = null
    if (!running) return
    closeStream()
    const source = options.open(lastId)
    stream = source
    const mine = (): boolean => running && stream === source
    source.addEventListener('open', () => {
      if (!mine()) return
      failures = 0
      stopPolling()
      setStatus('live')
    })
    source.addEventListener('snapshot', (event) => {
      if (!mine()) return
      remember(event)
      const board = parseEventData<Board>(event.data)
      if (board && Array.isArray(board.waiting)) options.onSnapshot(board)
    })
    source.addEventListener('call', (event) => {
      if (!mine()) return
      const id = remember(event)
      const data = parseEventData<CallEvent>(event.data)
      if (isCallEvent(data)) options.onCall(data, id)
    })
    source.addEventListener('ticket', (event) => {
      if (!mine()) return
      remember(event)
      const data = parseEventData<LineEvent>(event.data)
      if (isLineEvent(data)) options.onLine(data)
    })
    source.addEventListener('error', () => {
      if (!mine()) return
      failures += 1
      if (source.readyState === STREAM_CLOSED) {
        closeStream()
        startPolling()
        reopenTimer = timers.set(connect, reopenMs)
      } else if (failures >= threshold) {
        startPolling()
      } else if (status !== 'polling') {
        setStatus('reconnecting')
      }
    })
  }

  return {
    start: () => {
      if (running) return
      running = true
      setStatus('connecting')
      connect()
    },
    stop: () => {
      running = false
      closeStream()
      stopPolling()
      if (reopenTimer !== null) timers.clear(reopenTimer)
      reopenTimer = null
      status = null
    },
  }
}

/** The 连接中断，正在重连 notice: only when the link has been down a little while (not the stream's regular 3 s restart). */
export function showLinkDown (status: LinkStatus, downSinceMs: number | null, nowMs: number, graceMs = 5000): boolean {
  if (status === 'live' || downSinceMs === null) return false
  return status === 'polling' || nowMs - downSinceMs >= graceMs
}
