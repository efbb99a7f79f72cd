import { describe, expect, it, vi } from 'vitest'

import { createPoller, nextDelay, type PollerTimers } from '../../src/utils/poller'

/** Timers under the test's control: run() fires the one pending timer, as if its wait had passed. */
function fakeTimers () {
  const pending = new Map<number, { run: () => void, ms: number }>()
  let next = 1
  const timers: PollerTimers = {
    set: (run, ms) => {
      const handle = next++
      pending.set(handle, { run, ms })
      return handle
    },
    clear: (handle) => { pending.delete(handle as number) },
  }
  return {
    timers,
    waits: () => [...pending.values()].map((t) => t.ms),
    run: () => {
      const [handle, timer] = [...pending.entries()][0] ?? []
      if (handle === undefined || !timer) throw new Error('no timer pending')
      pending.delete(handle)
      timer.run()
    },
  }
}

/** Lets the answers of resolved promises reach the poller. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('nextDelay', () => {
  it('doubles the interval per failure in a row, up to the ceiling', () => {
    expect(nextDelay(0, 5000, 60000)).toBe(5000)
    expect(nextDelay(1, 5000, 60000)).toBe(10000)
    expect(nextDelay(2, 5000, 60000)).toBe(20000)
    expect(nextDelay(3, 5000, 60000)).toBe(40000)
    expect(nextDelay(4, 5000, 60000)).toBe(60000)
    expect(nextDelay(500, 5000, 60000)).toBe(60000)
  })
})

describe('createPoller', () => {
  it('asks at once, then every interval, one request at a time', async () => {
    const clock = fakeTimers()
    const fetch = vi.fn().mockResolvedValue('waiting')
    const onData = vi.fn()
    const poller = createPoller({ fetch, onData, intervalMs: 5000, timers: clock.timers })

    poller.start()
    poller.start() // already running: no second request
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(clock.waits()).toEqual([]) // the next one waits for this answer
    await settle()
    expect(onData).toHaveBeenCalledWith('waiting')
    expect(clock.waits()).toEqual([5000])

    clock.run()
    expect(fetch).toHaveBeenCalledTimes(2)
    await settle()
    expect(onData).toHaveBeenCalledTimes(2)
    expect(poller.isRunning()).toBe(true)
  })

  it('waits longer after each failure, and the interval again after an answer', async () => {
    const clock = fakeTimers()
    const fetch = vi.fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue('ok')
    const onError = vi.fn()
    const poller = createPoller({ fetch, onData: vi.fn(), onError, intervalMs: 5000, maxDelayMs: 60000, timers: clock.timers })

    poller.start()
    await settle()
    expect(onError).toHaveBeenLastCalledWith(expect.any(Error), 1)
    expect(clock.waits()).toEqual([10000])
    clock.run()
    await settle()
    expect(onError).toHaveBeenLastCalledWith(expect.any(Error), 2)
    expect(clock.waits()).toEqual([20000])
    clock.run()
    await settle()
    expect(clock.waits()).toEqual([5000])
  })

  it('stops by itself on a final answer or a fatal error', async () => {
    const clock = fakeTimers()
    const done = createPoller({
      fetch: vi.fn().mockResolvedValue('done'), onData: vi.fn(), isDone: (v: string) => v === 'done', timers: clock.timers,
    })
    done.start()
    await settle()
    expect(done.isRunning()).toBe(false)
    expect(clock.waits()).toEqual([])

    const gone = createPoller({
      fetch: vi.fn().mockRejectedValue(new Error('404')), onData: vi.fn(), isFatal: () => true, timers: clock.timers,
    })
    gone.start()
    await settle()
    expect(gone.isRunning()).toBe(false)
    expect(clock.waits()).toEqual([])
  })

  it('drops an answer that arrives after stop, and asks again on start', async () => {
    const clock = fakeTimers()
    let answer: (value: string) => void = () => undefined
    const fetch = vi.fn(() => new Promise<string>((resolve) => { answer = resolve }))
    const onData = vi.fn()
    const poller = createPoller({ fetch, onData, timers: clock.timers })

    poller.start()
    poller.stop()
    answer('late')
    await settle()
    expect(onData).not.toHaveBeenCalled()
    expect(clock.waits()).toEqual([])

    poller.start()
    expect(fetch).toHaveBeenCalledTimes(2)
    answer('fresh')
    await settle()
    expect(onData).toHaveBeenCalledWith('fresh')
  })

  it('stop cancels the pending wait', async () => {
    const clock = fakeTimers()
    const fetch = vi.fn().mockResolvedValue('x')
    const poller = createPoller({ fetch, onData: vi.fn(), timers: clock.timers })
    poller.start()
    await settle()
    expect(clock.waits()).toHaveLength(1)
    poller.stop()
    expect(clock.waits()).toEqual([])
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('refresh asks now even when stopped, and only the newest answer counts', async () => {
    const clock = fakeTimers()
    const resolvers: ((value: string) => void)[] = []
    const fetch = vi.fn(() => new Promise<string>((resolve) => { resolvers.push(resolve) }))
    const onData = vi.fn()
    const poller = createPoller({ fetch, onData, timers: clock.timers })

    poller.start()
    poller.refresh()
    expect(fetch).toHaveBeenCalledTimes(2)
    resolvers[1]('new')
    resolvers[0]('old')
    await settle()
    expect(onData.mock.calls).toEqual([['new']])
    expect(clock.waits()).toHaveLength(1)

    poller.stop()
    poller.refresh()
    expect(poller.isRunning()).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(3)
  })

  it('treats a fetch that throws at once as a failure', async () => {
    const clock = fakeTimers()
    const onError = vi.fn()
    const poller = createPoller({
      fetch: () => { throw new Error('boom') }, onData: vi.fn(), onError, intervalMs: 1000, timers: clock.timers,
    })
    poller.start()
    await settle()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(clock.waits()).toEqual([2000])
  })
})
