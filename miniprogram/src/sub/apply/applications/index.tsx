import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { type ApplicationPage, type ApplicationSummary, listApplications } from '../../../api/applications'
import Async from '../../../components/Async'
import ErrorBox from '../../../components/ErrorBox'
import LoginCard, { useLoggedIn } from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import {
  groupedNumber, LIST_FILTERS, type ListFilter, matchesFilter, statusText, statusTone,
} from '../../../utils/applicationFormat'
import { applicationPageUrl, applyPageUrl } from '../../../utils/applyRoutes'
import { formatDateTime } from '../../../utils/format'
import { APPLICATIONS_PAGE, ITEMS_PAGE } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import '../apply.css'

const PAGE_SIZE = 50

function open (application: ApplicationSummary) {
  const url = application.status === 'draft' ? applyPageUrl({ id: application.id }) : applicationPageUrl({ id: application.id })
  Taro.navigateTo({ url })
}

function Row ({ application }: { application: ApplicationSummary }) {
  const draft = application.status === 'draft'
  return (
    <View
      className='pg-card'
      id={`application-${application.id}`}
      data-testid='application-row'
      data-status={application.status}
      role='link'
      onClick={() => open(application)}
    >
      <Text className='apply-row__name'>{application.item_name}</Text>
      <View className='pg-badges'>
        <Text className={`pg-badge pg-badge--${statusTone(application.status)}`} data-testid='application-status'>
          {statusText(application.status)}
        </Text>
      </View>
      {application.number ? <Text className='apply-row__line'>办件编号 {groupedNumber(application.number)}</Text> : null}
      {application.submitted_at ? <Text className='apply-row__line'>提交于 {formatDateTime(application.submitted_at)}</Text> : null}
      {draft ? <Text className='apply-row__line'>最后保存于 {formatDateTime(application.updated_at)}</Text> : null}
      {application.promised_due && !draft ? <Text className='apply-row__line'>承诺办结日期 {application.promised_due}</Text> : null}
      <Text className='apply-row__action'>{draft ? '继续填写 ›' : application.status === 'correction' ? '去补正 ›' : '查看进度 ›'}</Text>
    </View>
  )
}

export default function Applications () {
  const loggedIn = useLoggedIn()
  const [filter, setFilter] = useState<ListFilter>('all')
  const [more, setMore] = useState<ApplicationSummary[]>([])
  const [nextPage, setNextPage] = useState(2)
  const [moreError, setMoreError] = useState<unknown>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const load = useLoad<ApplicationPage | null>(() => (loggedIn ? listApplications(1, PAGE_SIZE) : Promise.resolve(null)), [loggedIn])

  // Back from a form or a progress page: what changed there shows here.
  useDidShow(() => {
    if (load.data) {
      setMore([])
      setNextPage(2)
      load.reload()
    }
  })

  async function loadMore () {
    if (loadingMore) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await listApplications(nextPage, PAGE_SIZE)
      setMore((shown) => shown.concat(page.items.filter((a) => !shown.some((b) => b.id === a.id))))
      setNextPage(nextPage + 1)
    } catch (e) {
      setMoreError(e)
    } finally {
      setLoadingMore(false)
    }
  }

  if (!loggedIn) {
    return (
      <Screen id='applications'>
        <Text className='pg-title'>我的办件</Text>
        <LoginCard id='applications-login' text='登录后可查看您在网上申请的事项和办理进度。' redirect={APPLICATIONS_PAGE} />
      </Screen>
    )
  }

  return (
    <Screen id='applications'>
      <Text className='pg-title'>我的办件</Text>
      <View className='apply-tabs' role='tablist' aria-label='按状态筛选'>
        {LIST_FILTERS.map((f) => (
          <View
            key={f.key}
            className={`apply-tab${filter === f.key ? ' apply-tab--on' : ''}`}
            id={`applications-filter-${f.key}`}
            data-testid='applications-filter'
            role='tab'
            aria-selected={filter === f.key}
            onClick={() => setFilter(f.key)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <Async
        id='applications'
        load={load}
        isEmpty={(page) => page === null || page.total === 0}
        emptyText='您还没有网上申请过事项。'
        emptyAction={(
          <Button className='pg-button' id='applications-find' onClick={() => Taro.navigateTo({ url: ITEMS_PAGE })}>去找要办的事</Button>
        )}
      >
        {(page) => {
          const all = (page?.items ?? []).concat(more.filter((a) => !page?.items.some((b) => b.id === a.id)))
          const shown = all.filter((a) => matchesFilter(a.status, filter))
          const hasMore = page !== null && all.length < page.total
          return (
            <View id='applications-list' data-testid='applications-list' data-count={shown.length}>
              {shown.length === 0 ? (
                <View className='pg-state' id='applications-filter-empty'>
                  {hasMore ? '已加载的办件中没有这一类，可以加载更多看看。' : '这一类里没有办件。'}
                </View>
              ) : null}
              {shown.map((application) => <Row key={application.id} application={application} />)}
              {moreError ? <ErrorBox id='applications-more-error' error={moreError} onRetry={loadMore} /> : null}
              {hasMore ? (
                <Button className='pg-button pg-button--secondary' id='applications-more' disabled={loadingMore || undefined} aria-disabled={loadingMore ? 'true' : undefined} onClick={loadMore}>
                  {loadingMore ? '正在加载…' : '加载更多'}
                </Button>
              ) : null}
            </View>
          )
        }}
      </Async>
    </Screen>
  )
}
