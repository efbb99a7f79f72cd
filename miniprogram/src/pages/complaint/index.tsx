import { useState } from 'react'
import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { type ApplicationSummary, getApplication, getApplyItem, listApplications } from '../../api/applications'
import {
  type Complaint, createComplaint, type Department, getComplaint, listDepartments, rateComplaint,
} from '../../api/feedback'
import { getTicket } from '../../api/queue'
import { hasTokens } from '../../api/tokens'
import Async from '../../components/Async'
import Choices, { type Choice } from '../../components/Choices'
import ErrorBox from '../../components/ErrorBox'
import LoginCard from '../../components/LoginCard'
import Screen from '../../components/Screen'
import { groupedNumber } from '../../utils/applicationFormat'
import { applicationPageUrl, complaintPageUrl } from '../../utils/applyRoutes'
import { fieldProps } from '../../utils/fieldProps'
import { formatDateTime } from '../../utils/format'
import { lineText } from '../../utils/queueFormat'
import {
  categoryText, COMPLAINT_CATEGORIES, COMPLAINT_MAX, type ComplaintAbout, complaintBody, complaintStatusText,
  complaintTextHint, levelText, REPLY_LEVELS,
} from '../../utils/ratingFormat'
import { COMPLAINTS_PAGE, readIdParam, readParam } from '../../utils/routes'
import { useLoad } from '../../utils/useLoad'
import ReplyRating from '../rating/ReplyRating'

import './index.css'

function Detail ({ initial }: { initial: Complaint }) {
  const [complaint, setComplaint] = useState(initial)

  async function onRate (level: number) {
    setComplaint(await rateComplaint(complaint.id, level))
    Taro.showToast({ title: '感谢您的评价', icon: 'success' }).catch(() => undefined)
  }

  return (
    <View>
      <View className='pg-card' id='complaint-detail' data-testid='complaint-detail' data-status={complaint.status}>
        <Text className='complaint-category'>{categoryText(complaint.category)}</Text>
        <Text className='complaint-status' id='complaint-status' data-testid='complaint-status'>{complaintStatusText(complaint.status)}</Text>
        <Text className='pg-text complaint-text'>{complaint.text}</Text>
        <Text className='pg-secondary'>提交于 {formatDateTime(complaint.created_at)}</Text>
        {complaint.status === 'open' ? <Text className='pg-secondary'>部门将在 {complaint.due_on} 前答复您。</Text> : null}
        {complaint.application_id ? (
          <View className='pg-link complaint-link' role='link' onClick={() => Taro.navigateTo({ url: applicationPageUrl({ id: complaint.application_id ?? 0 }) })}>
            查看相关办件
          </View>
        ) : null}
      </View>

      {complaint.reply ? (
        <View className='pg-card' id='complaint-reply' data-testid='complaint-reply'>
          <Text className='pg-card__title'>部门答复</Text>
          <Text className='pg-text'>{complaint.reply}</Text>
          {complaint.replied_at ? <Text className='pg-secondary'>答复于 {formatDateTime(complaint.replied_at)}</Text> : null}
          {complaint.status === 'closed' && complaint.satisfaction ? (
            <Text className='pg-text complaint-satisfaction' id='complaint-satisfaction'>
              您对答复的评价：{levelText(complaint.satisfaction, REPLY_LEVELS)}
            </Text>
          ) : null}
        </View>
      ) : null}

      {complaint.status === 'replied' ? (
        <View className='pg-card' id='complaint-rate' data-testid='complaint-rate'>
          <Text className='pg-card__title'>您对这个答复满意吗？</Text>
          <ReplyRating id='complaint-rate' label='对答复的满意程度' submitText='提交评价' onSubmit={onRate} />
        </View>
      ) : null}

      <Button className='pg-button pg-button--secondary' id='complaint-all' onClick={() => Taro.navigateTo({ url: COMPLAINTS_PAGE })}>我的全部投诉</Button>
    </View>
  )
}

/** What the new complaint is about when the page was opened from an application, a ticket, an item or a department. */
interface Fixed {
  about: ComplaintAbout
  words: string
}

async function fixedAbout (params: Record<string, string | undefined>): Promise<Fixed | null> {
  const application = readIdParam(params.application)
  if (application !== null) {
    const app = await getApplication(application)
    return { about: { kind: 'application', id: application }, words: `办件：${app.item_name}${app.number ? `（${groupedNumber(app.number)}）` : ''}` }
  }
  const ticket = readIdParam(params.ticket)
  if (ticket !== null) {
    const found = await getTicket(ticket).catch(() => null)
    return { about: { kind: 'ticket', id: ticket }, words: found ? `大厅办事：排队号 ${found.number} · ${lineText(found)}` : '大厅现场办事' }
  }
  const item = readParam(params.item)
  if (item) {
    const guide = await getApplyItem(item)
    return { about: { kind: 'department', code: guide.department_code }, words: `事项：${guide.name}（${guide.department}）` }
  }
  const department = readParam(params.department)
  if (department) {
    const known = (await listDepartments()).find((d) => d.code === department)
    if (!known) throw new Error('没有找到这个部门，请重新选择。')
    return { about: { kind: 'department', code: department }, words: `部门：${known.name}` }
  }
  return null
}

interface Targets {
  applications: ApplicationSummary[]
  departments: Department[]
}

async function loadChoices (): Promise<Targets> {
  const [page, departments] = await Promise.all([listApplications(1, 50), listDepartments()])
  return { applications: page.items.filter((a) => a.status !== 'draft'), departments }
}

type AboutKind = 'application' | 'department'
const ABOUT_KINDS: Choice<AboutKind>[] = [{ value: 'application', label: '我办过的事' }, { value: 'department', label: '某个部门' }]

function Chooser ({ choices, about, onChange }: { choices: Targets, about: ComplaintAbout | null, onChange: (about: ComplaintAbout) => void }) {
  const [kind, setKind] = useState<AboutKind>(choices.applications.length ? 'application' : 'department')
  const list = kind === 'application'
    ? choices.applications.map((a) => ({ label: `${a.item_name}${a.number ? ` ${a.number.slice(-6)}` : ''}`, about: { kind: 'application', id: a.id } as ComplaintAbout }))
    : choices.departments.map((d) => ({ label: d.name, about: { kind: 'department', code: d.code } as ComplaintAbout }))
  const index = list.findIndex((entry) => JSON.stringify(entry.about) === JSON.stringify(about))
  const kinds = choices.applications.length ? ABOUT_KINDS : ABOUT_KINDS.filter((k) => k.value === 'department')
  return (
    <View>
      <Choices<AboutKind> id='complaint-about' label='投诉什么？' options={kinds} value={kind} onChange={setKind} />
      <Picker mode='selector' range={list.map((entry) => entry.label)} value={index < 0 ? 0 : index} onChange={(e) => { const entry = list[Number(e.detail.value)]; if (entry) onChange(entry.about) }}>
        <View className='pg-input complaint-picker' id='complaint-about-picker' data-testid='complaint-about-picker' role='button' aria-label={`投诉对象，${index < 0 ? '未选择' : list[index].label}`}>
          <Text className={index < 0 ? 'complaint-placeholder' : ''}>{index < 0 ? (kind === 'application' ? '请选择办件' : '请选择部门') : list[index].label}</Text>
          <Text className='complaint-arrow'>›</Text>
        </View>
      </Picker>
    </View>
  )
}

function NewComplaint ({ fixed }: { fixed: Fixed | null }) {
  const choices = useLoad<Targets | null>(() => (fixed ? Promise.resolve(null) : loadChoices()), [])
  const [about, setAbout] = useState<ComplaintAbout | null>(fixed?.about ?? null)
  const [category, setCategory] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const hint = complaintTextHint(text)
  const ready = about !== null && category !== '' && text.trim() !== '' && !hint && !busy

  async function onSubmit () {
    if (!ready || about === null) return
    setBusy(true)
    setError(null)
    try {
      const created = await createComplaint(complaintBody(category, text, about))
      Taro.showToast({ title: '已提交', icon: 'success' }).catch(() => undefined)
      Taro.redirectTo({ url: complaintPageUrl({ id: created.id }) })
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const missing = [about === null ? '投诉对象' : '', category === '' ? '投诉类型' : '', text.trim() === '' ? '投诉内容' : ''].filter(Boolean)

  return (
    <View className='pg-card' id='complaint-form' data-testid='complaint-form'>
      {fixed ? (
        <View className='pg-field'>
          <Text className='pg-label'>投诉什么？</Text>
          <Text className='pg-text' id='complaint-about-fixed' data-testid='complaint-about-fixed'>{fixed.words}</Text>
        </View>
      ) : choices.data ? (
        <Chooser choices={choices.data} about={about} onChange={setAbout} />
      ) : choices.error ? (
        <ErrorBox id='complaint-choices-error' error={choices.error} onRetry={choices.reload} />
      ) : <Text className='pg-muted' id='complaint-choices-loading'>正在加载可投诉的办件和部门…</Text>}

      <Choices id='complaint-category' label='问题类型' options={COMPLAINT_CATEGORIES} value={category || null} onChange={setCategory} />

      <View className='pg-field'>
        <Text className='pg-label'>具体情况</Text>
        <Textarea
          {...fieldProps('complaint-text', '投诉内容')}
          className='pg-input pg-textarea complaint-textarea'
          value={text}
          maxlength={COMPLAINT_MAX + 100}
          autoHeight
          placeholder='请说明发生了什么、希望怎样解决（最多 1000 字）'
          onInput={(e) => setText(e.detail.value)}
        />
        {hint ? <Text className='pg-hint' id='complaint-text-hint'>{hint}</Text> : null}
      </View>

      <Text className='pg-muted complaint-contact'>部门会在 5 个工作日内答复，答复会通过短信或微信/支付宝消息发到您登录的手机号，也可以在“我的投诉”里查看。</Text>

      {error ? <ErrorBox id='complaint-error' error={error} /> : null}
      {missing.length ? <Text className='pg-hint complaint-missing' id='complaint-missing'>还需要填写：{missing.join('、')}</Text> : null}
      <Button className={`pg-button${ready ? '' : ' pg-button--disabled'}`} id='complaint-submit' data-testid='complaint-submit' disabled={!ready || undefined} aria-disabled={!ready ? 'true' : undefined} onClick={onSubmit}>
        {busy ? '正在提交…' : '提交投诉'}
      </Button>
    </View>
  )
}

export default function ComplaintPage () {
  const { params } = useRouter()
  const id = readIdParam(params.id)
  const [loggedIn] = useState(hasTokens)
  const load = useLoad<{ complaint: Complaint | null, fixed: Fixed | null } | null>(async () => {
    if (!loggedIn) return null
    if (id !== null) return { complaint: await getComplaint(id), fixed: null }
    return { complaint: null, fixed: await fixedAbout(params) }
  }, [id, loggedIn])

  const here = id !== null ? complaintPageUrl({ id }) : COMPLAINTS_PAGE

  let body
  if (!loggedIn) {
    body = <LoginCard id='complaint-login' text='投诉需要先登录，以便部门答复您。' redirect={here} />
  } else {
    body = (
      <Async id='complaint-load' load={load}>
        {(data) => (data?.complaint ? <Detail initial={data.complaint} /> : <NewComplaint fixed={data?.fixed ?? null} />)}
      </Async>
    )
  }

  return (
    <Screen id='complaint'>
      <Text className='pg-title'>{id !== null ? '投诉详情' : '投诉建议'}</Text>
      {id === null ? <Text className='pg-subtitle'>对办事服务不满意、有意见或建议，请告诉我们。</Text> : null}
      {body}
    </Screen>
  )
}
