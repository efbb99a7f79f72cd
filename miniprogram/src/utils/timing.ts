/** Debounce for the search box, and a time limit for calls that may never answer. Pure: no @tarojs import. */

export interface Debounced<A extends unknown[]> {
  (...args: A): void
  /** Drops a pending call. */
  cancel: () => void
  /** Runs a pending call now (e.g. the keyboard's 搜索 key). */
  flush: () => void
}

/** Calls `fn` with the latest arguments once `waitMs` have passed without another call. */
export function debounce<A extends unknown[]> (fn: (...args: A) => void, waitMs: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: A | null = null

  const run = () => {
    timer = null
    const args = pending
    pending = null
    if (args) fn(...args)
  }

  const debounced = (...args: A) => {
    pending = args
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(run, waitMs)
  }
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    pending = null
  }
  debounced.flush = () => {
    if (timer === null) return
    clearTimeout(timer)
    run()
  }
  return debounced
}

export class TimeoutError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'TimeoutError'
    Object.setPrototypeOf(this, TimeoutError.prototype)
  }
}

/**
 * `promise`, or a TimeoutError after `ms`. Taro.getLocation can wait forever on a permission
 * prompt nobody answers; the page must still move on.
 */
export function withTimeout<T> (promise: Promise<T>, ms: number, message = '操作超时'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(message)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
