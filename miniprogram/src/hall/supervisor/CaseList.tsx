/**
 * A card listing alerts or work orders: the status filter, what was just done, a page of the table with one
 * row opened to its detail under it, and the pager.
 */
import { Fragment, type ReactNode, useState } from 'react'
import { Text, View } from '@tarojs/components'

import Async from '../../components/Async'
import { useLoad } from '../../utils/useLoad'

const PAGE_SIZE = 20

interface CaseListProps<T extends { id: number }> {
  /** The card's id. */
  cardId: string
  /** Prefix of the list's ids: `<id>-filter-<key|all>`, `<id>-notice`, `<id>-table`, `<id>-prev`, `<id>-next`. */
  id: string
  /** `alert` or `order`: the rows' `<kind>-row-<id>` and `<kind>-open-<id>`. */
  kind: string
  title: string
  filters: { key: string, label: string }[]
  initialFilter: string
  load: (filter: string, page: number, pageSize: number) => Promise<{ items: T[], total: number }>
  emptyText: string
  /** The heads of the columns before 操作. */
  columns: string[]
  /** The cells of an item's row before 操作. */
  cells: (item: T) => ReactNode
  /** A row's `data-level`, where the items have one. */
  level?: (item: T) => string
  /** How a notice names an item (预警 → 预警 #3：已签收) and counts them (条). */
  noun: string
  unit: string
  /** The opened item's detail; `onChanged` after each action there. */
  detail: (item: T, onChanged: (notice: string) => void) => ReactNode
}

export default function CaseList<T extends { id: number }> (
  { cardId, id, kind, title, filters, initialFilter, load, emptyText, columns, cells, level, noun, unit, detail }: CaseListProps<T>,
) {
  const [filter, setFilter] = useState(initialFilter)
  const [page, setPage] = useState(1)
  const [opened, setOpened] = useState<number | null>(null)
  // What was just done: stays when the item leaves the filtered list (an acknowledged alert leaves 待签收).
  const [notice, setNotice] = useState('')
  const list = useLoad(() => load(filter, page, PAGE_SIZE), [filter, page])

  return (
    <View className='hs-card' id={cardId} data-testid={cardId}>
      <h2 className='hs-card__title'>{title}</h2>
      <View className='hs-row' role='group' aria-label='按状态筛选'>
        {filters.map((f) => (
          <button
            key={f.key || 'all'} type='button' className='hs-chip' id={`${id}-filter-${f.key || 'all'}`}
            aria-pressed={filter === f.key} onClick={() => { setFilter(f.key); setPage(1); setOpened(null) }}
          >
            {f.label}
          </button>
        ))}
      </View>
      {notice ? <View className='hs-notice' role='status' id={`${id}-notice`} data-testid={`${id}-notice`}>{notice}</View> : null}
      <Async id={id} load={list} isEmpty={(p) => p.items.length === 0} emptyText={emptyText}>
        {(p) => (
          <View>
            <table className='hs-table' id={`${id}-table`}>
              <thead>
                <tr>
                  {columns.map((column) => <th key={column} scope='col'>{column}</th>)}
                  <th scope='col'>操作</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((item) => (
                  <Fragment key={item.id}>
                    <tr data-testid={`${kind}-row-${item.id}`} data-level={level?.(item)} aria-selected={opened === item.id}>
                      {cells(item)}
                      <td>
                        <button
                          type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`${kind}-open-${item.id}`}
                          data-testid={`${kind}-open-${item.id}`} aria-expanded={opened === item.id}
                          onClick={() => setOpened(opened === item.id ? null : item.id)}
                        >
                          {opened === item.id ? '收起' : '处理'}
                        </button>
                      </td>
                    </tr>
                    {opened === item.id ? (
                      <tr>
                        <td colSpan={columns.length + 1}>
                          {detail(item, (text) => { setNotice(`${noun} #${item.id}：${text}`); list.reload() })}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
            <View className='hs-row sv-pager'>
              <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`${id}-prev`} disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</button>
              <Text className='hs-muted'>共 {p.total} {unit}</Text>
              <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`${id}-next`} disabled={page * PAGE_SIZE >= p.total} onClick={() => setPage(page + 1)}>下一页</button>
            </View>
          </View>
        )}
      </Async>
    </View>
  )
}
