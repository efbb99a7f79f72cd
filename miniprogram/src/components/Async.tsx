import { type ReactNode } from 'react'
import { View } from '@tarojs/components'

import type { Load } from '../utils/useLoad'
import ErrorBox from './ErrorBox'

interface AsyncProps<T> {
  /** Prefix of the state elements' ids: `<id>-loading`, `<id>-error`, `<id>-empty`. */
  id: string
  load: Load<T>
  /** When the data counts as nothing to show (an empty list). */
  isEmpty?: (data: T) => boolean
  emptyText?: string
  /** Shown under the empty text: what to do next (a button), so an empty page is never a dead end. */
  emptyAction?: ReactNode
  children: (data: T) => ReactNode
}

/** Loading, error (with 重试), empty, or the page's content: one of the four, never a blank page. */
export default function Async<T> ({ id, load, isEmpty, emptyText = '暂无内容', emptyAction, children }: AsyncProps<T>) {
  if (load.data === null) {
    if (load.error) return <ErrorBox id={`${id}-error`} error={load.error} onRetry={load.reload} />
    return <View className='pg-state' id={`${id}-loading`} data-testid={`${id}-loading`} role='status'>正在加载…</View>
  }
  const data = load.data
  return (
    <>
      {load.error ? <ErrorBox id={`${id}-error`} error={load.error} onRetry={load.reload} /> : null}
      {isEmpty?.(data) ? (
        <View className='pg-state' id={`${id}-empty`} data-testid={`${id}-empty`}>
          {emptyText}
          {emptyAction}
        </View>
      ) : children(data)}
    </>
  )
}
