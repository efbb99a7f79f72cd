import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { debounce, TimeoutError, withTimeout } from '../../src/utils/timing'

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('debounce', () => {
  it('calls once with the latest arguments after a quiet spell', () => {
    const fn = vi.fn()
    const search = debounce(fn, 300)
    search('s')
    vi.advanceTimersByTime(200)
    search('sh')
    vi.advanceTimersByTime(200)
    search('shbk')
    vi.advanceTimersByTime(299)
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fn).toHaveBeenCalledTimes(1)
    expect(fn).toHaveBeenCalledWith('shbk')
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(1)
  })

  it('cancel drops a pending call', () => {
    const fn = vi.fn()
    const search = debounce(fn, 300)
    search('a')
    search.cancel()
    vi.advanceTimersByTime(1000)
    expect(fn).not.toHaveBeenCalled()
  })

  it('flush runs a pending call now, once, and does nothing when none is pending', () => {
    const fn = vi.fn()
    const search = debounce(fn, 300)
    search.flush()
    expect(fn).not.toHaveBeenCalled()
    search('社保')
    search.flush()
    expect(fn).toHaveBeenCalledWith('社保')
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(1)
  })
})

describe('withTimeout', () => {
  it('passes a value or an error through when in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000)).resolves.toBe(42)
    await expect(withTimeout(Promise.reject(new Error('denied')), 1000)).rejects.toThrow('denied')
  })

  it('rejects with a TimeoutError when the promise never settles', async () => {
    const never = new Promise<number>(() => undefined)
    const result = withTimeout(never, 10_000, '获取位置超时')
    const check = expect(result).rejects.toBeInstanceOf(TimeoutError)
    vi.advanceTimersByTime(10_000)
    await check
    await expect(result).rejects.toThrow('获取位置超时')
  })
})
