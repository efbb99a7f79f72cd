/**
 * Asking the API again and again while a page shows (a ticket's live position), as a small
 * scheduler: one request at a time, a fixed interval, longer waits after failures, and a stop
 * when the answer says nothing more will change or the error says asking again is pointless.
 * Pure: no @tarojs import; the timers can be replaced in tests.
 */

export interface PollerTimers {
  set: (run: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

export interface PollerOptions<T> {
  fetch: () => Promise<T>
  onData: (value: T) => void
  /** Called on every failure with how many in a row so far (1, 2, …). */
  onError?: (error: unknown, failures: number) => void
  /** Milliseconds between answers (default 5000). */
  intervalMs?: number
  /** The longest wait after failures (default 60000). */
  maxDelayMs?: number
  /** The answer is final: stop asking (a finished ticket). */
  isDone?: (value: T) => boolean
  /** The failure is final: stop asking (404: there is nothing to ask about). */
  isFatal?: (error: unknown) => boolean
  timers?: PollerTimers
}

export interface Poller {
  /** Asks now, then keeps asking; does nothing while already running. */
  start: () => void
  /** Stops asking; an answer still on its way is dropped. */
  stop: () => void
  /** Asks now (the 重试 button), running or not; then keeps asking. */
  refresh: () => void
  isRunning: () => boolean
}

export const POLL_INTERVAL_MS = 5000
export const POLL_MAX_DELAY_MS = 60000

/** The wait before the next request: the interval, doubled for each failure in a row, at most `maxMs`. */
export function nextDelay (failures: number, intervalMs: number = POLL_INTERVAL_MS, maxMs: number = POLL_MAX_DELAY_MS): number {
  if (failures <= 0) return intervalMs
  return Math.min(maxMs, intervalMs * 2 ** Math.min(failures, 20))
}

const realTimers: PollerTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createPoller<T> (options: PollerOptions<T>): Poller {
  const interval = options.intervalMs ?? POLL_INTERVAL_MS
  const maxDelay = options.maxDelayMs ?? POLL_MAX_DELAY_MS
  const timers = options.timers ?? realTimers
  let running = false
  let timer: unknown = null
  let failures = 0
  // Each start/refresh/stop begins a new round; answers of an older round are dropped.
  let round = 0

  function clearTimer (): void {
    if (timer !== null) timers.clear(timer)
    timer = null
  }

  function schedule (mine: number, ms: number): void {
    clearTimer()
    timer = timers.set(() => {
      timer = null
      if (mine === round && running) ask(mine)
    }, ms)
  }

  function ask (mine: number): void {
    let request: Promise<T>
    try {
      request = options.fetch()
    } catch (error) {
      request = Promise.reject(error)
    }
    request.then(
      (value) => {
        if (mine !== round || !running) return
        failures = 0
        options.onData(value)
        if (mine !== round || !running) return // onData stopped or restarted it
        if (options.isDone?.(value)) {
          stop()
          return
        }
        schedule(mine, interval)
      },
      (error: unknown) => {
        if (mine !== round || !running) return
        failures += 1
        options.onError?.(error, failures)
        if (mine !== round || !running) return
        if (options.isFatal?.(error)) {
          stop()
          return
        }
        schedule(mine, nextDelay(failures, interval, maxDelay))
      },
    )
  }

  function refresh (): void {
    clearTimer()
    running = true
    round += 1
    ask(round)
  }

  function start (): void {
    if (!running) refresh()
  }

  function stop (): void {
    running = false
    round += 1
    clearTimer()
  }

  return { start, stop, refresh, isRunning: () => running }
}
