/** One way for a page to load what it shows: loading, the data, or the error, with reload(). */
import { useCallback, useEffect, useRef, useState } from 'react'

export interface Load<T> {
  data: T | null
  error: unknown
  loading: boolean
  /** Loads again, keeping the data on screen meanwhile (pull to refresh, polling, after an action). */
  reload: () => Promise<void>
}

/**
 * Runs `fetch` now and on every reload(). An answer that arrives after a newer call started, or
 * after the page went away, is dropped, so a slow answer never overwrites a fresh one.
 */
export function useLoad<T> (fetch: () => Promise<T>, deps: unknown[] = []): Load<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const latest = useRef(0)
  const alive = useRef(true)

  const run = useCallback(fetch, deps)

  const reload = useCallback(async () => {
    const call = ++latest.current
    setLoading(true)
    try {
      const value = await run()
      if (alive.current && call === latest.current) {
        setData(value)
        setError(null)
      }
    } catch (e) {
      if (alive.current && call === latest.current) setError(e)
    } finally {
      if (alive.current && call === latest.current) setLoading(false)
    }
  }, [run])

  useEffect(() => {
    alive.current = true
    reload()
    return () => {
      alive.current = false
    }
  }, [reload])

  return { data, error, loading, reload }
}
