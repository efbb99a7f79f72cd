import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'

import { type Complaint, type ComplaintPage, listComplaints } from '../../../api/feedback'
import Async from '../../../components/Async'
import LoginCard, { useLoggedIn } from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import { complaintPageUrl } from '../../../utils/applyRoutes'
import { formatDateTime } from '../../../utils/format'
import { categoryText, complaintStatusText } from '../../../utils/ratingFormat'
import { COMPLAINTS_PAGE } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import '../apply.css'

/** The first line of a complaint, short enough for a list. */
function excerpt (text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('')
}

function tone (status: string): string {
  if (status === 'replied') return 'amber'
  if (status === 'closed') return 'gray'
  return 'blue'
}

function Row ({ complaint }: { complaint: Complaint }) {
  return (
    <View
      className='pg-card'
      id={`complaint-${complaint.id}`}
      data-testid='complaint-row'
      data-status={complaint.status}
      role='link'
      onClick={() => Taro.navigateTo({ url: complaintPageUrl({ id: complaint.id }) })}
    >
      <Text className='apply-row__name'>{categoryText(complaint.category)}</Text>
      <View className='pg-badges'>
        <Text className={`pg-badge pg-badge--${tone(complaint.status)}`}>{complaintStatusText(complaint.status)}</Text>
      </View>
      <Text className='apply-row__line'>{excerpt(complaint.text)}</Text>
      <Text className='apply-row__line'>提交于 {formatDateTime(complaint.created_at)}</Text>
      {complaint.status === 'open' ? <Text className='apply-row__line'>将于 {complaint.due_on} 前答复</Text> : null}
      <Text className='apply-row__action'>{complaint.status === 'replied' ? '查看答复并评价 ›' : '查看详情 ›'}</Text>
    </View>
  )
}

export default function Complaints () {
  const loggedIn = useLoggedIn()
  const load = useLoad<ComplaintPage | null>(() => (loggedIn ? listComplaints() : Promise.resolve(null)), [loggedIn])

  useDidShow(() => {
    if (load.data) load.reload()
  })

  const newButton = (
    <Button className='pg-button' id='complaints-new' data-testid='complaints-new' onClick={() => Taro.navigateTo({ url: complaintPageUrl() })}>
      我要投诉
    </Button>
  )

  return (
    <Screen id='complaints'>
      <Text className='pg-title'>我的投诉</Text>
      <Text className='pg-subtitle'>对办事服务有意见或建议，可以在这里投诉，部门会在 5 个工作日内答复。</Text>
      {!loggedIn ? (
        <LoginCard id='complaints-login' text='登录后可以投诉和查看答复。' redirect={COMPLAINTS_PAGE} />
      ) : (
        <View>
          {newButton}
          <Async
            id='complaints'
            load={load}
            isEmpty={(page) => page === null || page.items.length === 0}
            emptyText='您还没有投诉过。'
          >
            {(page) => (
              <View id='complaints-list' data-testid='complaints-list' data-count={page?.items.length ?? 0}>
                {(page?.items ?? []).map((complaint) => <Row key={complaint.id} complaint={complaint} />)}
                {page && page.total > page.items.length ? (
                  <Text className='pg-muted'>只显示最近的 {page.items.length} 条。</Text>
                ) : null}
              </View>
            )}
          </Async>
        </View>
      )}
    </Screen>
  )
}
