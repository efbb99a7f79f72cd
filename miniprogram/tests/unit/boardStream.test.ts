import { beforeEach, describe, expect, it, vi } from 'vitest'

import type { Board } from '../../src/api/board'
import { createBoardFeed, type LinkStatus, showLinkDown, type StreamLike } from '../../src/utils/boardStream'

type Listener = (event: { data?: unknown, lastEventId?: string }) => void

class FakeStream implements StreamLike {
  readyState = 0
  closed = false
  listeners = new Map<string, Listener[]>()
  constructor (readonly lastEventId: string | null) {}
  addEventListener (type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close (): void {
    this.closed = true
    this.readyState = 2
  }

  emit (type: string, event: { data?: unknown, lastEventId?: string } = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }
}

const BOARD: Board = {
  hall_id: 1, hall_name: '市民中心', day: '2026-11-23', open_now: true, now_calling: [], recent_calls: [],
  waiting: [{ prefix: 'A', name: '社保', waiting: 2 }],
}
const CALL = { ticket_id: 5, number: 'A001', category: 'A', window: '3', called_at: '2026-11-23T02:00:00Z', announcement: '请A001号到3号窗口办理', waiting: 1 }

function setup (fetchSnapshot = vi.fn(async () => BOARD)) {
  const streams: FakeStream[] = []
  const pending: { run: () => void, ms: number, id: number }[] = []
  let nextId = 1
  const statuses: LinkStatus[] = []
  const onSnapshot = vi.fn()
  const onCall = vi.fn()
  const onLine = vi.fn()
  const feed = createBoardFeed({
    open: (lastEventId) => {
      const stream = new FakeStream(lastEventId)
      streams.push(stream)
      return stream
    },
    fetchSnapshot,
    onSnapshot,
    onCall,
    onLine,
    onStatus: (status) => statuses.push(status),
    timers: {
      set: (run, ms) => {
        const id = nextId++
        pending.push({ run, ms, id })
        return id
      },
      clear: (handle) => {
        const at = pending.findIndex((timer) => timer.id === handle)
        if (at >= 0) pending.splice(at, 1)
      },
    },
    reopenMs: 10000,
    pollMs: 5000,
    failuresBeforePolling: 3,
  })
  const fire = (ms: number): void => {
    const at = pending.findIndex((timer) => timer.ms === ms)
    if (at < 0) throw new Error(`no ${ms} ms timer`)
    const [timer] = pending.splice(at, 1)
    timer.run()
  }
  return { feed, streams, pending, statuses, onSnapshot, onCall, onLine, fire, fetchSnapshot }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

let t: ReturnType<typeof setup>

beforeEach(() => {
  t = setup()
})

describe('the board feed', () => {
  it('goes live and hands over the snapshot, calls and line counts', () => {
    t.feed.start()
    const stream = t.streams[0]
    expect(stream.lastEventId).toBeNull()
    stream.readyState = 1
    stream.emit('open')
    stream.emit('snapshot', { data: JSON.stringify(BOARD) })
    stream.emit('call', { data: JSON.stringify(CALL), lastEventId: '17-0' })
    stream.emit('ticket', { data: '{"category":"A","waiting":4}', lastEventId: '18-0' })
    stream.emit('call', { data: 'garbage', lastEventId: '19-0' })
    expect(t.statuses).toEqual(['connecting', 'live'])
    expect(t.onSnapshot).toHaveBeenCalledWith(BOARD)
    expect(t.onCall).toHaveBeenCalledTimes(1)
    expect(t.onCall).toHaveBeenCalledWith(CALL, '17-0')
    expect(t.onLine).toHaveBeenCalledWith({ category: 'A', waiting: 4 })
  })

  it('shows a browser reconnect as reconnecting, and live again once it opens', () => {
    t.feed.start()
    const stream = t.streams[0]
    stream.emit('open')
    stream.emit('error') // the server ended the stream after 300 s; readyState stays CONNECTING
    expect(t.statuses.at(-1)).toBe('reconnecting')
    stream.emit('open')
    expect(t.statuses.at(-1)).toBe('live')
    expect(t.streams).toHaveLength(1)
    expect(t.fetchSnapshot).not.toHaveBeenCalled()
  })

  it('polls the snapshot after the browser gives up, and reopens with the last event id', async () => {
    t.feed.start()
    const first = t.streams[0]
    first.emit('open')
    first.emit('call', { data: JSON.stringify(CALL), lastEventId: '42-1' })
    first.readyState = 2 // a 503: EventSource does not try again
    first.emit('error')
    expect(t.statuses.at(-1)).toBe('polling')
    await flush()
    expect(t.onSnapshot).toHaveBeenCalledTimes(1)
    t.fire(5000) // the next poll
    await flush()
    expect(t.onSnapshot).toHaveBeenCalledTimes(2)
    t.fire(10000) // reopen
    expect(t.streams).toHaveLength(2)
    expect(first.closed).toBe(true)
    expect(t.streams[1].lastEventId).toBe('42-1')
    t.streams[1].emit('open')
    expect(t.statuses.at(-1)).toBe('live')
    expect(t.pending.some((timer) => timer.ms === 5000)).toBe(false) // polling stopped
  })

  it('starts polling when the stream keeps failing without opening', async () => {
    t.feed.start()
    const stream = t.streams[0]
    stream.emit('error')
    stream.emit('error')
    expect(t.statuses.at(-1)).toBe('reconnecting')
    expect(t.fetchSnapshot).not.toHaveBeenCalled()
    stream.emit('error')
    expect(t.statuses.at(-1)).toBe('polling')
    expect(t.fetchSnapshot).toHaveBeenCalledTimes(1)
    await flush()
    stream.emit('error') // still polling, not a second loop
    expect(t.fetchSnapshot).toHaveBeenCalledTimes(1)
  })

  it('keeps polling through failed snapshots', async () => {
    const failing = setup(vi.fn(async () => { throw new Error('down') }))
    failing.feed.start()
    failing.streams[0].readyState = 2
    failing.streams[0].emit('error')
    await flush()
    expect(failing.onSnapshot).not.toHaveBeenCalled()
    expect(failing.pending.some((timer) => timer.ms === 5000)).toBe(true)
  })

  it('stops everything, and ignores a stream it left', () => {
    t.feed.start()
    const stream = t.streams[0]
    t.feed.stop()
    expect(stream.closed).toBe(true)
    stream.emit('call', { data: JSON.stringify(CALL), lastEventId: '1-0' })
    expect(t.onCall).not.toHaveBeenCalled()
  })
})

describe('the 连接中断 notice', () => {
  it('waits out the regular 3 s reconnect, shows at once while polling', () => {
    expect(showLinkDown('live', 0, 99999)).toBe(false)
    expect(showLinkDown('reconnecting', 1000, 4000)).toBe(false)
    expect(showLinkDown('reconnecting', 1000, 6000)).toBe(true)
    expect(showLinkDown('polling', 1000, 1000)).toBe(true)
    expect(showLinkDown('connecting', null, 6000)).toBe(false)
  })
})
