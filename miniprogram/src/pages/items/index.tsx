import { useEffect, useMemo, useRef, useState } from 'react'
import { Button, Input, Navigator, ScrollView, Text, View } from '@tarojs/components'
import { useReachBottom, useRouter } from '@tarojs/taro'

import { searchItems } from '../../api/catalog'
import { appendPage, MAX_QUERY_LENGTH, normalizeSearch, PAGE_SIZE } from '../../api/catalogQuery'
import { hasMore } from '../../api/paging'
import type { ItemSummary } from '../../api/catalogTypes'
import Badges from '../../components/Badges'
import ErrorBox from '../../components/ErrorBox'
import Screen from '../../components/Screen'
import { DEMO_THEMES, itemBadges, mergeThemes } from '../../utils/catalogFormat'
import { fieldProps } from '../../utils/fieldProps'
import { itemPageUrl, readParam } from '../../utils/routes'
import { debounce } from '../../utils/timing'

import './index.css'

const SEARCH_DELAY_MS = 300

export default function Items () {
  const { params } = useRouter()
  const [text, setText] = useState(() => readParam(params.q))
  const [query, setQuery] = useState(() => normalizeSearch(readParam(params.q)))
  const [theme, setTheme] = useState(() => readParam(params.theme))
  const [items, setItems] = useState<ItemSummary[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [more, setMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [moreError, setMoreError] = useState<unknown>(null)
  // Answers can come back out of order while typing: only the latest search may fill the list.
  const latest = useRef(0)

  const search = useMemo(() => debounce((value: string) => setQuery(normalizeSearch(value)), SEARCH_DELAY_MS), [])
  useEffect(() => search.cancel, [search])

  async function loadFirst () {
    const ticket = ++latest.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    try {
      const result = await searchItems({ q: query, theme, page: 1, page_size: PAGE_SIZE })
      if (ticket !== latest.current) return
      setItems(result.items)
      setTotal(result.total)
      setPage(result.page)
      setMore(hasMore(result))
    } catch (e) {
      if (ticket !== latest.current) return
      setItems([])
      setTotal(0)
      setMore(false)
      setError(e)
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }

  useEffect(() => {
    loadFirst()
  }, [query, theme])

  async function loadMore () {
    if (loading || loadingMore || !more) return
    const ticket = latest.current
    setLoadingMore(true)
    setMoreError(null)
    try {
      const result = await searchItems({ q: query, theme, page: page + 1, page_size: PAGE_SIZE })
      if (ticket !== latest.current) return
      setItems((shown) => appendPage(shown, result.items))
      setTotal(result.total)
      setPage(result.page)
      setMore(hasMore(result))
    } catch (e) {
      if (ticket === latest.current) setMoreError(e)
    } finally {
      setLoadingMore(false)
    }
  }

  useReachBottom(() => {
    if (!moreError) loadMore()
  })

  function onInput (value: string) {
    setText(value)
    search(value)
  }

  function clearSearch () {
    search.cancel()
    setText('')
    setQuery('')
  }

  function showAll () {
    clearSearch()
    setTheme('')
  }

  const themes = mergeThemes(DEMO_THEMES, [{ themes: theme ? [theme] : [] }, ...items])

  return (
    <Screen id='items' className='items'>
      <View className='items__search'>
        <Input
          {...fieldProps('items-search', '搜索办事事项', { type: 'search', enterkeyhint: 'search', autocomplete: 'off' })}
          className='pg-input items__input'
          type='text'
          confirmType='search'
          maxlength={MAX_QUERY_LENGTH}
          placeholder='搜索事项，如 社保卡、shbk'
          focus={params.focus === '1'}
          value={text}
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={() => search.flush()}
        />
        {text ? (
          <Button className='pg-button pg-button--secondary pg-button--small items__clear' id='items-clear' onClick={clearSearch}>
            清除
          </Button>
        ) : null}
      </View>
      <Text className='pg-secondary'>可输入中文、拼音或拼音首字母</Text>

      <ScrollView className='items__themes' scrollX id='items-themes'>
        <View className='items__themes-row'>
          {['', ...themes].map((t) => (
            <View
              key={t || 'all'}
              className={`items__chip${t === theme ? ' items__chip--on' : ''}`}
              data-testid='theme-chip'
              data-theme={t}
              data-selected={t === theme ? 'true' : 'false'}
              role='button'
              aria-pressed={t === theme}
              onClick={() => setTheme(t === theme ? '' : t)}
            >
              {t || '全部'}
            </View>
          ))}
        </View>
      </ScrollView>

      <Text className='items__status' id='items-status' data-testid='items-status' data-state={loading ? 'loading' : error ? 'error' : 'done'}>
        {loading ? '正在查找…' : error ? '' : `共 ${total} 项${theme ? ` · ${theme}` : ''}`}
      </Text>

      {error ? <ErrorBox id='items-error' error={error} onRetry={loadFirst} /> : null}

      {!loading && !error && items.length === 0 ? (
        <View className='pg-card items__empty' id='items-empty' data-testid='items-empty'>
          <Text className='pg-card__title'>没有找到相关事项</Text>
          <Text className='pg-text'>换个说法试试，如“社保卡”“居住证”，或拼音首字母“sbk”。</Text>
          <Button className='pg-button pg-button--secondary' id='items-show-all' onClick={showAll}>查看全部事项</Button>
        </View>
      ) : null}

      <View id='items-list' data-testid='items-list' data-count={items.length} data-total={total}>
        {items.map((item) => (
          <Navigator
            key={item.code}
            className='pg-card items__card'
            url={itemPageUrl(item.code)}
            data-testid='item-card'
            data-code={item.code}
          >
            <Text className='items__name'>{item.name}</Text>
            {item.sub_item ? <Text className='pg-secondary'>{item.sub_item}</Text> : null}
            <Text className='pg-secondary'>{item.department}</Text>
            <Badges badges={itemBadges(item)} />
          </Navigator>
        ))}
      </View>

      {moreError ? <ErrorBox id='items-more-error' error={moreError} onRetry={loadMore} /> : null}
      {more && !moreError ? (
        <Button
          className={`pg-button pg-button--secondary${loadingMore ? ' pg-button--disabled' : ''}`}
          id='items-more'
          data-testid='items-more'
          disabled={loadingMore || undefined}
          onClick={loadMore}
        >
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      {!more && !loading && items.length > 0 ? (
        <Text className='items__end' id='items-end'>已显示全部 {total} 项</Text>
      ) : null}
    </Screen>
  )
}
