import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { getApplication } from '../../api/applications'
import { isApiError } from '../../api/errors'
import {
  type Evaluation, findMyRating, type MyEvaluation, rate, revisit, workOrderOf, type WorkOrderBrief,
} from '../../api/feedback'
import { getTicket } from '../../api/queue'
import { hasTokens } from '../../api/tokens'
import Async from '../../components/Async'
import LoginCard from '../../components/LoginCard'
import Screen from '../../components/Screen'
import { groupedNumber, statusText } from '../../utils/applicationFormat'
import { applicationPageUrl, complaintPageUrl, ratingPageUrl } from '../../utils/applyRoutes'
import { fieldProps } from '../../utils/fieldProps'
import { formatDateTime } from '../../utils/format'
import { returnTo } from '../../utils/identityNav'
import { realNamePageUrl } from '../../utils/identityRoutes'
import { lineText } from '../../utils/queueFormat'
import {
  BAD_TAGS, isBadLevel, levelText, MAX_COMMENT, RATING_LEVELS, ratingBody, ratingErrorText, ratingSubject, REPLY_LEVELS,
  type Subject, toggleTag,
} from '../../utils/ratingFormat'
import { HOME_PAGE, readIdParam } from '../../utils/routes'
import { useLoad } from '../../utils/useLoad'
import LevelPicker from './LevelPicker'
import ReplyRating from './ReplyRating'

import './index.css'

interface Loaded {
  /** What is rated, in a line or two. */
  title: string
  lines: string[]
  /** The resident's rating of it, when there is one. */
  existing: MyEvaluation | null
}

async function loadSubject (subject: Subject): Promise<Loaded> {
  if (subject.kind === 'work_order') {
    const rating = await findMyRating((r) => workOrderOf(r)?.id === subject.id)
    if (!rating) throw new Error('没有找到这条评价的处理记录，可能不是您的评价。')
    const app = rating.application_id ? await getApplication(rating.application_id).catch(() => null) : null
    return { title: app ? app.item_name : rating.ticket_id ? '大厅现场办事' : '网上办事', lines: ['您对这次服务的评价和部门的答复'], existing: rating }
  }
  if (subject.kind === 'application') {
    const [app, existing] = await Promise.all([
      getApplication(subject.id),
      findMyRating((r) => r.application_id === subject.id),
    ])
    const lines = [app.number ? `办件编号 ${groupedNumber(app.number)}` : '', statusText(app.status)].filter(Boolean)
    return { title: app.item_name, lines, existing }
  }
  const [ticket, existing] = await Promise.all([
    getTicket(subject.id).catch(() => null), // the context only: the rating still works without it
    findMyRating((r) => r.ticket_id === subject.id),
  ])
  return {
    title: '大厅现场办事',
    lines: ticket ? [`排队号 ${ticket.number} · ${lineText(ticket)}`, ticket.day] : [],
    existing,
  }
}

function Given ({ rating }: { rating: MyEvaluation | Evaluation }) {
  return (
    <View className='pg-card' id='rating-given' data-testid='rating-given' data-level={rating.level}>
      <Text className='pg-card__title'>您的评价</Text>
      <Text className={`rating-given__level${isBadLevel(rating.level) ? ' rating-given__level--bad' : ''}`}>
        {rating.level_text || levelText(rating.level)}
      </Text>
      {rating.tags.length ? <Text className='pg-secondary'>不满意的地方：{rating.tags.join('、')}</Text> : null}
      {rating.comment ? <Text className='pg-secondary'>您的意见：{rating.comment}</Text> : null}
      <Text className='pg-secondary'>评价时间：{formatDateTime(rating.created_at)}</Text>
    </View>
  )
}

function workOrderText (order: WorkOrderBrief): string {
  if (order.status === 'replied') return '部门已答复，请告诉我们您对处理结果是否满意。'
  if (order.status === 'closed') return '这条差评已处理完毕，感谢您的监督。'
  if (order.status === 'appealed') return '部门对这条评价提出了申诉，正在复核，结果会通知您。'
  if (order.status === 'appeal_upheld') return '经复核，这条评价不计入满意度统计。'
  return `部门正在核实处理，将在 ${order.due_on} 前答复您。`
}

/** 回访: the department's reply to a 差评, and whether the resident is satisfied with it. */
function WorkOrder ({ rating }: { rating: MyEvaluation }) {
  const [order, setOrder] = useState<WorkOrderBrief | null>(workOrderOf(rating))
  if (!order) return <Given rating={rating} />

  return (
    <View>
      <Given rating={rating} />
      <View className='pg-card' id='rating-work-order' data-testid='rating-work-order' data-status={order.status}>
        <Text className='pg-card__title'>处理情况</Text>
        <Text className='pg-text' id='rating-work-order-status'>{workOrderText(order)}</Text>
        {order.reply ? (
          <View className='rating-reply' id='rating-reply' data-testid='rating-reply'>
            <Text className='rating-reply__title'>部门答复{order.replied_at ? `（${formatDateTime(order.replied_at)}）` : ''}</Text>
            <Text className='pg-text'>{order.reply}</Text>
          </View>
        ) : null}
        {order.status === 'closed' && order.revisit_level ? (
          <Text className='pg-text rating-revisit-given' id='rating-revisit-given'>您对处理结果的评价：{levelText(order.revisit_level, REPLY_LEVELS)}</Text>
        ) : null}
        {order.status === 'replied' ? (
          <ReplyRating id='revisit' label='您对处理结果满意吗' submitText='提交' onSubmit={async (level) => setOrder(await revisit(order.id, level))} />
        ) : null}
      </View>
    </View>
  )
}

function RatingForm ({ subject, onRated }: { subject: { kind: 'ticket' | 'application', id: number }, onRated: () => void }) {
  const [level, setLevel] = useState<number | null>(null)
  const [tags, setTags] = useState<string[]>([])
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<Evaluation | null>(null)
  const channel = subject.kind === 'ticket' ? 'onsite' : 'online'
  const bad = isBadLevel(level)

  async function onSubmit () {
    if (level === null || busy) return
    setBusy(true)
    setError(null)
    try {
      setDone(await rate(ratingBody(subject, { level, tags, comment })))
    } catch (e) {
      setError(e)
      if (isApiError(e) && e.code === 'ALREADY_RATED') onRated()
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <View>
        <View className='pg-notice rating-thanks' id='rating-thanks' data-testid='rating-thanks' role='status'>
          <Text className='rating-thanks__title'>感谢您的评价！</Text>
          {isBadLevel(done.level) ? (
            <Text className='rating-thanks__line'>我们已把您的意见转给相关部门，部门会在 5 个工作日内核实处理并答复您。</Text>
          ) : <Text className='rating-thanks__line'>您的评价会帮助我们把服务做得更好。</Text>}
        </View>
        <Given rating={done} />
        {subject.kind === 'application' ? (
          <Button className='pg-button pg-button--secondary' id='rating-back' onClick={() => returnTo(applicationPageUrl({ id: subject.id }))}>
            返回办件
          </Button>
        ) : (
          <Button className='pg-button pg-button--secondary' id='rating-home' onClick={() => Taro.reLaunch({ url: HOME_PAGE })}>返回首页</Button>
        )}
      </View>
    )
  }

  const levelRequired = isApiError(error) && error.code === 'ASSURANCE_REQUIRED'
  const here = ratingPageUrl(subject.kind === 'ticket' ? { ticket: subject.id } : { application: subject.id })

  return (
    <View className='pg-card' id='rating-form' data-testid='rating-form'>
      <Text className='pg-card__title'>您对这次服务满意吗？</Text>
      <LevelPicker id='rating-level' label='满意程度' levels={RATING_LEVELS} value={level} disabled={busy} onChange={setLevel} />

      {bad ? (
        <View className='pg-field' id='rating-tags' data-testid='rating-tags'>
          <Text className='pg-label'>哪里让您不满意？（可多选）</Text>
          <View className='rating-tags' role='group' aria-label='不满意的地方'>
            {BAD_TAGS[channel].map((tag, i) => {
              const on = tags.includes(tag)
              return (
                <View
                  key={tag}
                  className={`rating-tag${on ? ' rating-tag--on' : ''}`}
                  id={`rating-tag-${i}`}
                  data-testid='rating-tag'
                  role='checkbox'
                  aria-checked={on}
                  onClick={() => !busy && setTags(toggleTag(tags, tag))}
                >
                  {tag}
                </View>
              )
            })}
          </View>
        </View>
      ) : null}

      <View className='pg-field'>
        <Text className='pg-label'>{bad ? '请具体说说，方便我们改进（选填）' : '还有什么想说的？（选填）'}</Text>
        <Textarea
          {...fieldProps('rating-comment', '评价意见')}
          className='pg-input pg-textarea'
          value={comment}
          maxlength={MAX_COMMENT}
          autoHeight
          disabled={busy}
          placeholder='最多 500 字'
          onInput={(e) => setComment(e.detail.value)}
        />
      </View>

      {error ? (
        <View className='pg-error' id='rating-error' data-testid='rating-error' data-code={isApiError(error) ? error.code : ''} role='alert'>
          {ratingErrorText(error, subject.kind)}
        </View>
      ) : null}
      {levelRequired ? (
        <Button className='pg-button pg-button--secondary' id='rating-real-name' onClick={() => Taro.navigateTo({ url: realNamePageUrl({ next: here, need: 2 }) })}>
          去实名认证
        </Button>
      ) : null}

      <Button
        className={`pg-button${level === null || busy ? ' pg-button--disabled' : ''}`}
        id='rating-submit'
        data-testid='rating-submit'
        disabled={level === null || busy || undefined}
        aria-disabled={level === null || busy ? 'true' : undefined}
        onClick={onSubmit}
      >
        {busy ? '正在提交…' : level === null ? '请先选择满意程度' : '提交评价'}
      </Button>
      {isApiError(error) && error.code === 'RATING_NOT_OPEN' ? (
        <Button
          className='pg-button pg-button--secondary'
          id='rating-complain'
          onClick={() => Taro.navigateTo({ url: complaintPageUrl(subject.kind === 'ticket' ? { ticket: subject.id } : { application: subject.id }) })}
        >
          投诉建议
        </Button>
      ) : null}
    </View>
  )
}

/** What is rated, then the resident's rating (and its 回访), or the form to give one. */
function Rated ({ subject, loaded, onRated }: { subject: Subject, loaded: Loaded, onRated: () => void }) {
  const { title, lines, existing } = loaded
  return (
    <View>
      <View className='pg-card' id='rating-subject' data-testid='rating-subject' data-kind={subject.kind}>
        <Text className='rating-subject__title'>{title}</Text>
        {lines.map((line) => <Text key={line} className='pg-secondary'>{line}</Text>)}
      </View>
      {subject.kind === 'work_order' && existing ? <WorkOrder rating={existing} /> : null}
      {subject.kind !== 'work_order' && existing ? (
        <View>
          <Given rating={existing} />
          {workOrderOf(existing) ? (
            <Button className='pg-button pg-button--secondary' id='rating-follow' onClick={() => Taro.navigateTo({ url: ratingPageUrl({ work_order: workOrderOf(existing)?.id ?? 0 }) })}>
              查看处理情况
            </Button>
          ) : null}
        </View>
      ) : null}
      {subject.kind !== 'work_order' && !existing ? <RatingForm subject={subject} onRated={onRated} /> : null}
    </View>
  )
}

export default function Rating () {
  const { params } = useRouter()
  const subject = ratingSubject({
    ticket: readIdParam(params.ticket),
    application: readIdParam(params.application),
    workOrder: readIdParam(params.work_order),
  })
  const [loggedIn] = useState(hasTokens)
  const load = useLoad<Loaded | null>(
    () => (subject && loggedIn ? loadSubject(subject) : Promise.resolve(null)),
    [subject?.kind, subject?.id, loggedIn],
  )

  let here = ''
  if (subject) here = ratingPageUrl(subject.kind === 'work_order' ? { work_order: subject.id } : subject.kind === 'ticket' ? { ticket: subject.id } : { application: subject.id })

  let body
  if (!subject) {
    body = (
      <View className='pg-error' id='rating-no-subject' role='alert'>
        没有指定要评价的服务。请从“我的办件”或排队号页面进入评价。
      </View>
    )
  } else if (!loggedIn) {
    body = <LoginCard id='rating-login' text='评价需要先登录，以便部门回访您。' redirect={here} />
  } else {
    body = (
      <Async id='rating-load' load={load}>
        {(data) => (data ? <Rated subject={subject} loaded={data} onRated={load.reload} /> : null)}
      </Async>
    )
  }

  return (
    <Screen id='rating'>
      <Text className='pg-title'>{subject?.kind === 'work_order' ? '差评回访' : '评价服务'}</Text>
      {body}
    </Screen>
  )
}
