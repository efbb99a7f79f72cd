import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'

import {
  type Application, findMine, getApplication, getProgress, lookupProgress, type Progress, withdrawApplication,
} from '../../api/applications'
import { isApiError } from '../../api/errors'
import { hasTokens } from '../../api/tokens'
import ErrorBox from '../../components/ErrorBox'
import Screen from '../../components/Screen'
import {
  deadlineText, groupedNumber, isConcluded, latestCorrection, statusText, statusTone, type TimelineEvent, timelineSteps,
} from '../../utils/applicationFormat'
import { applicationPageUrl, applyPageUrl, complaintPageUrl, ratingPageUrl } from '../../utils/applyRoutes'
import { fieldProps } from '../../utils/fieldProps'
import { formatDateTime } from '../../utils/format'
import { loginPageUrl } from '../../utils/identityRoutes'
import { createPoller, type Poller } from '../../utils/poller'
import { APPLICATIONS_PAGE, readIdParam, readParam } from '../../utils/routes'
import { digitsOnly } from '../../utils/validators'

import './index.css'

/** Nothing more happens to these: no need to keep asking. */
const FINAL = ['withdrawn', 'not_accepted', 'refused', 'revoked', 'delivered']
const POLL_MS = 10000

type Shown = { kind: 'mine', app: Application } | { kind: 'public', progress: Progress }

function isGone (error: unknown): boolean {
  return isApiError(error) && [400, 403, 404, 410].includes(error.status)
}

function Timeline ({ events }: { events: TimelineEvent[] }) {
  const steps = timelineSteps(events)
  return (
    <View className='pg-card' id='application-timeline' data-testid='application-timeline' data-count={steps.length}>
      <Text className='pg-card__title'>办理过程</Text>
      {steps.length === 0 ? <Text className='pg-text'>提交后这里会显示每一步的办理情况。</Text> : null}
      {steps.map((step, i) => (
        <View key={i} className={`progress-step${i === 0 ? ' progress-step--latest' : ''}`} data-testid='timeline-step'>
          <View className='progress-step__dot' />
          <View className='progress-step__body'>
            <Text className='progress-step__title' data-testid='timeline-title'>{step.title}</Text>
            <Text className='progress-step__time'>{step.time}{step.who ? ` · ${step.who}` : ''}</Text>
            {step.lines.map((line, j) => <Text key={j} className='progress-step__line'>{line}</Text>)}
          </View>
        </View>
      ))}
    </View>
  )
}

/** The head of the resident's own application and of the public progress: what, where, status, number, dates. */
function Head ({ of }: { of: Application | Progress }) {
  const { status, number } = of
  const applicant = 'applicant' in of ? of.applicant : null
  const deadline = deadlineText(status, of.deadline)
  return (
    <View className='pg-card' id='application-head' data-testid='application-head' data-status={status}>
      <Text className='progress-name' id='application-item' data-testid='application-item'>{of.item_name}</Text>
      <Text className='pg-secondary'>{of.department}</Text>
      <Text className={`progress-status progress-status--${statusTone(status)}`} id='application-status' data-testid='application-status' data-status={status}>
        {statusText(status)}
      </Text>
      {number ? (
        <View className='progress-row'>
          <Text className='progress-row__label'>办件编号</Text>
          <Text className='progress-row__value progress-number' id='application-number' data-testid='application-number' data-number={number}>
            {groupedNumber(number)}
          </Text>
        </View>
      ) : null}
      {applicant ? (
        <View className='progress-row'>
          <Text className='progress-row__label'>申请人</Text>
          <Text className='progress-row__value'>{applicant}</Text>
        </View>
      ) : null}
      {of.submitted_at ? (
        <View className='progress-row'>
          <Text className='progress-row__label'>提交时间</Text>
          <Text className='progress-row__value'>{formatDateTime(of.submitted_at)}</Text>
        </View>
      ) : null}
      {deadline ? <Text className='progress-deadline' id='application-deadline' data-testid='application-deadline'>{deadline}</Text> : null}
    </View>
  )
}

function Mine ({ app, onChanged }: { app: Application, onChanged: (next: Application) => void }) {
  const [withdrawing, setWithdrawing] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const correction = app.status === 'correction' ? latestCorrection(app.timeline as TimelineEvent[]) : null
  const items = app.correction?.length ? app.correction : correction?.items ?? []
  const canWithdraw = app.allowed_actions.includes('withdraw')
  const uploaded = app.materials.filter((m) => m.upload)

  async function onWithdraw () {
    if (withdrawing) return
    const answer = await Taro.showModal({
      title: '确定撤回这件申请？',
      content: '撤回后不能恢复，如需办理要重新申请。',
      confirmText: '撤回',
      cancelText: '不撤回',
    })
    if (!answer.confirm) return
    setWithdrawing(true)
    setError(null)
    try {
      onChanged(await withdrawApplication(app.id))
      Taro.showToast({ title: '已撤回', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(e)
    } finally {
      setWithdrawing(false)
    }
  }

  return (
    <View>
      <Head of={app} />

      {app.status === 'draft' ? (
        <View className='pg-card' id='application-draft'>
          <Text className='pg-text'>这是一份还没有提交的草稿。</Text>
          <Button className='pg-button' id='application-continue' onClick={() => Taro.navigateTo({ url: applyPageUrl({ id: app.id }) })}>继续填写</Button>
        </View>
      ) : null}

      {app.status === 'correction' ? (
        <View className='pg-card progress-correction' id='application-correction' data-testid='application-correction' role='alert'>
          <Text className='pg-card__title'>需要您补正材料</Text>
          {items.map((line, i) => <Text key={i} className='progress-correction__item' data-testid='correction-item'>{i + 1}. {line}</Text>)}
          {correction?.comment ? <Text className='pg-secondary'>工作人员留言：{correction.comment}</Text> : null}
          <Text className='pg-secondary'>补正期间暂停计时，请尽快补正。</Text>
          <Button className='pg-button' id='application-fix' data-testid='application-fix' onClick={() => Taro.navigateTo({ url: applyPageUrl({ id: app.id }) })}>
            去补正
          </Button>
        </View>
      ) : null}

      {isConcluded(app.status) ? (
        <View className='pg-card' id='application-done'>
          <Text className='pg-text'>这件事已经办结，请为这次办事打个分，帮助我们改进服务。</Text>
          <Button className='pg-button' id='application-rate' data-testid='application-rate' onClick={() => Taro.navigateTo({ url: ratingPageUrl({ application: app.id }) })}>
            评价这次办事
          </Button>
        </View>
      ) : null}

      <Timeline events={app.timeline as TimelineEvent[]} />

      {uploaded.length ? (
        <View className='pg-card' id='application-materials'>
          <Text className='pg-card__title'>已交材料</Text>
          {uploaded.map((m) => (
            <View key={m.name} className='progress-row'>
              <Text className='progress-row__label'>{m.name}</Text>
              <Text className='progress-row__value'>{m.files ? `${m.files} 个文件` : '未上传'}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {error ? <ErrorBox id='application-action-error' error={error} /> : null}
      {canWithdraw && app.status !== 'draft' ? (
        <Button className='pg-button pg-button--danger' id='application-withdraw' data-testid='application-withdraw' disabled={withdrawing || undefined} aria-disabled={withdrawing ? 'true' : undefined} onClick={onWithdraw}>
          {withdrawing ? '正在撤回…' : '撤回申请'}
        </Button>
      ) : null}
      {app.status !== 'draft' ? (
        <Button className='pg-button pg-button--secondary' id='application-complain' onClick={() => Taro.navigateTo({ url: complaintPageUrl({ application: app.id }) })}>
          对办理有意见？投诉建议
        </Button>
      ) : null}
      <Button className='pg-button pg-button--secondary' id='application-all' onClick={() => Taro.navigateTo({ url: APPLICATIONS_PAGE })}>
        我的全部办件
      </Button>
    </View>
  )
}

function Public ({ progress, token }: { progress: Progress, token: string }) {
  return (
    <View>
      <Head of={progress} />
      {progress.status === 'correction' ? (
        <View className='pg-card progress-correction' id='application-correction' role='alert'>
          <Text className='pg-text'>这件申请需要补正材料。登录后可以查看需要补充的内容并重新提交。</Text>
        </View>
      ) : null}
      <Timeline events={progress.timeline} />
      {!hasTokens() ? (
        <View className='pg-card' id='application-login-hint'>
          <Text className='pg-text'>登录后可以查看详细情况、补正材料或评价。</Text>
          <Button
            className='pg-button pg-button--secondary'
            id='application-login'
            onClick={() => Taro.navigateTo({ url: loginPageUrl({ redirect: token ? applicationPageUrl({ t: token }) : APPLICATIONS_PAGE }) })}
          >
            登录
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** 办件编号 and the last four digits of the applicant's phone: for someone with neither a link nor a login. */
function Lookup ({ onFound }: { onFound: (progress: Progress) => void }) {
  const [number, setNumber] = useState('')
  const [last4, setLast4] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const ready = number.length === 21 && last4.length === 4 && !busy

  async function onSearch () {
    if (!ready) return
    setBusy(true)
    setError(null)
    try {
      onFound(await lookupProgress(number, last4))
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='pg-card' id='application-lookup' data-testid='application-lookup'>
      <Text className='pg-card__title'>查询办理进度</Text>
      <Text className='pg-muted'>办件编号在提交成功后的短信里，也可以在“我的办件”中查看。</Text>
      <View className='pg-field'>
        <Text className='pg-label'>办件编号</Text>
        <Input
          {...fieldProps('lookup-number', '办件编号', { autocomplete: 'off' })}
          className='pg-input'
          type='idcard'
          maxlength={21}
          placeholder='21 位办件编号'
          value={number}
          onInput={(e) => setNumber(e.detail.value.toUpperCase().replace(/[^0-9X]/g, '').slice(0, 21))}
        />
      </View>
      <View className='pg-field'>
        <Text className='pg-label'>申请人手机号后四位</Text>
        <Input
          {...fieldProps('lookup-phone', '申请人手机号后四位', { type: 'tel', inputmode: 'numeric' })}
          className='pg-input'
          type='number'
          maxlength={4}
          placeholder='4 位数字'
          value={last4}
          onInput={(e) => setLast4(digitsOnly(e.detail.value, 4))}
        />
      </View>
      {error ? <ErrorBox id='lookup-error' error={error} /> : null}
      <Button className={`pg-button${ready ? '' : ' pg-button--disabled'}`} id='lookup-submit' disabled={!ready || undefined} aria-disabled={!ready ? 'true' : undefined} onClick={onSearch}>
        {busy ? '正在查询…' : '查询'}
      </Button>
      {hasTokens() ? (
        <Button className='pg-button pg-button--secondary' id='lookup-mine' onClick={() => Taro.navigateTo({ url: APPLICATIONS_PAGE })}>我的办件</Button>
      ) : null}
    </View>
  )
}

export default function ApplicationPage () {
  const { params } = useRouter()
  const id = readIdParam(params.id)
  const token = readParam(params.t)
  const [view, setView] = useState<Shown | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [lookedUp, setLookedUp] = useState<Progress | null>(null)
  const [refreshedAt, setRefreshedAt] = useState('')
  const poller = useRef<Poller | null>(null)
  // A link's application found among the resident's own: followed by id from then on.
  const mineId = useRef<number | null>(id)
  const mineTried = useRef(false)
  const firstShow = useRef(true)

  /** One look: the resident's own (by id, or by the link's number when it is theirs), else the public progress. */
  async function fetchView (): Promise<Shown> {
    if (mineId.current !== null) return { kind: 'mine', app: await getApplication(mineId.current) }
    const progress = await getProgress(token)
    if (hasTokens() && !mineTried.current) {
      mineTried.current = true
      try {
        const app = await findMine(progress.number)
        if (app) {
          mineId.current = app.id
          return { kind: 'mine', app }
        }
      } catch {
        // Not theirs, or the session is over: the public view is what the link promises.
      }
    }
    return { kind: 'public', progress }
  }

  const statusOf = (v: Shown) => (v.kind === 'mine' ? v.app.status : v.progress.status)

  useEffect(() => {
    if (id === null && !token) return undefined
    poller.current = createPoller<Shown>({
      fetch: fetchView,
      onData: (value) => {
        setView(value)
        setError(null)
        setRefreshedAt(formatDateTime(new Date().toISOString()))
      },
      onError: (e) => setError(e),
      intervalMs: POLL_MS,
      isDone: (value) => FINAL.includes(statusOf(value)),
      isFatal: isGone,
    })
    poller.current.start()
    return () => poller.current?.stop()
  }, [id, token])

  useDidShow(() => {
    // Back from the form (补正) or the rating page: look again at once.
    if (firstShow.current) firstShow.current = false
    else poller.current?.refresh()
  })
  useDidHide(() => poller.current?.stop())

  const loading = view === null && !error && (id !== null || !!token)

  return (
    <Screen id='application'>
      {id === null && !token ? (
        lookedUp ? <Public progress={lookedUp} token='' /> : <Lookup onFound={setLookedUp} />
      ) : null}
      {loading ? <View className='pg-state' id='application-loading' data-testid='application-loading' role='status'>正在加载…</View> : null}
      {error && !view ? (
        <View>
          <ErrorBox id='application-error' error={error} onRetry={isGone(error) ? undefined : () => poller.current?.refresh()} />
          {isGone(error) && token ? <Lookup onFound={(p) => { setError(null); setView({ kind: 'public', progress: p }) }} /> : null}
          {isGone(error) && id !== null ? (
            <Button className='pg-button pg-button--secondary' id='application-all' onClick={() => Taro.redirectTo({ url: APPLICATIONS_PAGE })}>我的全部办件</Button>
          ) : null}
        </View>
      ) : null}
      {view?.kind === 'mine' ? (
        <Mine app={view.app} onChanged={(app) => setView({ kind: 'mine', app })} />
      ) : null}
      {view?.kind === 'public' ? <Public progress={view.progress} token={token} /> : null}
      {view && error ? <Text className='pg-muted' id='application-stale'>网络不稳定，显示的是 {refreshedAt} 的情况，正在重试…</Text> : null}
      {view && !error && refreshedAt ? <Text className='pg-muted progress-refreshed'>更新于 {refreshedAt}，办理有进展时会自动刷新</Text> : null}
    </Screen>
  )
}
