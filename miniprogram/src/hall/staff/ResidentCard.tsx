/**
 * The ticket the window works on: its number and state, the holder masked as the call showed them,
 * the audited reveal when staff must see the full values, and the other tickets still at the window (a
 * held one). `Checklist`: the item's materials (一次性告知).
 */
import { type FormEvent, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { checklistPath } from '../../api/catalogQuery'
import { errorText } from '../../api/errors'
import { type AtWindow, itemChecklist, type Reveal, revealResident, type RevealField } from '../../api/staff'
import { apiUrl } from '../../api/url'
import Async from '../../components/Async'
import { formatDateTime } from '../../utils/format'
import { lineText, priorityText } from '../../utils/queueFormat'
import { reasonProblem, ticketStateText } from '../../utils/staffConsole'
import { useLoad } from '../../utils/useLoad'

const SOURCE_WORDS: Record<string, string> = {
  kiosk: '取号机取号',
  phone: '手机取号',
  appointment: '预约签到',
}

const REVEAL_FIELDS: { key: RevealField, label: string }[] = [
  { key: 'name', label: '姓名' },
  { key: 'id_number', label: '身份证号' },
  { key: 'phone', label: '手机号' },
]

function RevealPanel ({ residentId }: { residentId: number }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('窗口核验本人身份')
  const [fields, setFields] = useState<RevealField[]>(['name', 'id_number'])
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState('')
  const [revealed, setRevealed] = useState<Reveal | null>(null)

  async function onSubmit (event: FormEvent) {
    event.preventDefault()
    const why = reasonProblem(reason)
    if (why || fields.length === 0) {
      setProblem(why || '请至少选择一项要查看的信息')
      return
    }
    setSending(true)
    setProblem('')
    try {
      setRevealed(await revealResident(residentId, reason.trim(), fields))
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setSending(false)
    }
  }

  if (revealed) {
    return (
      <View className='staff-reveal' id='staff-reveal-result' data-testid='staff-reveal-result' role='status'>
        {REVEAL_FIELDS.filter((f) => revealed[f.key]).map((f) => (
          <Text key={f.key} className='staff-reveal__value' data-testid={`staff-reveal-${f.key}`}>{f.label}：{revealed[f.key]}</Text>
        ))}
        <Text className='hs-muted'>本次查看已记入审计日志（查看人、原因、时间）。</Text>
        <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='staff-reveal-hide' onClick={() => setRevealed(null)}>
          隐藏完整信息
        </button>
      </View>
    )
  }
  if (!open) {
    return (
      <button
        type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='staff-reveal-open' data-testid='staff-reveal-open'
        onClick={() => setOpen(true)}
      >
        核验身份：查看完整信息
      </button>
    )
  }
  return (
    <form className='staff-reveal' id='staff-reveal-form' data-testid='staff-reveal-form' onSubmit={onSubmit} noValidate>
      <fieldset className='staff-fieldset'>
        <legend className='hs-label'>要查看的信息</legend>
        <View className='hs-row'>
          {REVEAL_FIELDS.map((f) => (
            <label key={f.key} className='staff-check'>
              <input className='hs-box'
                type='checkbox' id={`staff-reveal-field-${f.key}`} checked={fields.includes(f.key)}
                onChange={(e) => setFields(e.target.checked ? [...fields, f.key] : fields.filter((k) => k !== f.key))}
              />
              {f.label}
            </label>
          ))}
        </View>
      </fieldset>
      <View className='hs-field'>
        <label className='hs-label' htmlFor='staff-reveal-reason'>查看原因（记入审计日志，5-200 字）</label>
        <input
          className='hs-input' id='staff-reveal-reason' data-testid='staff-reveal-reason' value={reason}
          maxLength={200} onChange={(e) => setReason(e.target.value)}
        />
      </View>
      {problem ? <View className='hs-problem' role='alert' id='staff-reveal-error'>{problem}</View> : null}
      <View className='hs-row staff-form-buttons'>
        <button type='submit' className='hs-btn hs-btn--small' id='staff-reveal-submit' data-testid='staff-reveal-submit' disabled={sending}>
          {sending ? '正在查询…' : '查看'}
        </button>
        <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' onClick={() => setOpen(false)}>取消</button>
      </View>
    </form>
  )
}

export function Checklist ({ code }: { code: string }) {
  const checklist = useLoad(() => itemChecklist(code), [code])
  return (
    <View className='hs-card' id='staff-checklist' data-testid='staff-checklist'>
      <h2 className='hs-card__title'>材料清单（一次性告知）</h2>
      <Async id='staff-checklist' load={checklist}>
        {(c) => (
          <View>
            <Text className='hs-muted'>{c.name}</Text>
            <table className='hs-table staff-materials'>
              <caption>必须提交的材料</caption>
              <thead><tr><th scope='col'>材料</th><th scope='col'>形式</th><th scope='col' className='hs-num'>份数</th><th scope='col'>说明</th></tr></thead>
              <tbody>
                {c.required_materials.length === 0 ? (
                  <tr><td colSpan={4}>无需提交材料</td></tr>
                ) : c.required_materials.map((m) => (
                  <tr key={m.name} data-testid='staff-material-required'>
                    <td>{m.name}</td><td>{m.form_label}</td><td className='hs-num'>{m.count}</td><td>{m.notes ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.conditional_materials.length > 0 ? (
              <table className='hs-table staff-materials'>
                <caption>特定情形下需要的材料</caption>
                <thead><tr><th scope='col'>情形</th><th scope='col'>材料</th><th scope='col'>形式</th><th scope='col' className='hs-num'>份数</th></tr></thead>
                <tbody>
                  {c.conditional_materials.map((m) => (
                    <tr key={`${m.condition ?? ''}-${m.name}`} data-testid='staff-material-conditional'>
                      <td>{m.condition ?? ''}</td><td>{m.name}</td><td>{m.form_label}</td><td className='hs-num'>{m.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <a className='staff-link' href={apiUrl(checklistPath(code))} target='_blank' rel='noreferrer' id='staff-checklist-print'>
              打开可打印的一次性告知单
            </a>
          </View>
        )}
      </Async>
    </View>
  )
}

interface ResidentCardProps {
  at: AtWindow
  busy: boolean
  onResume: (ticketId: number) => void
}

export default function ResidentCard ({ at, busy, onResume }: ResidentCardProps) {
  const ticket = at.ticket
  return (
    <View className='hs-card staff-current' id='staff-current' data-testid='staff-current' aria-live='polite'>
      <h2 className='hs-card__title'>当前号码</h2>
      {ticket ? (
        <View className='staff-current__body'>
          <View className='staff-current__head'>
            <Text className='staff-current__number' id='staff-current-number' data-testid='staff-current-number'>{ticket.number}</Text>
            <View className='staff-current__tags'>
              <Text className='hs-badge hs-badge--green' id='staff-current-status' data-testid='staff-current-status' data-status={ticket.status}>
                {ticketStateText(ticket.status)}
              </Text>
              {priorityText(ticket.priority) ? <Text className='hs-badge hs-badge--amber'>{priorityText(ticket.priority)}</Text> : null}
              {at.source ? <Text className='hs-badge hs-badge--blue'>{SOURCE_WORDS[at.source] ?? at.source}</Text> : null}
            </View>
          </View>
          <View className='staff-current__info'>
          <dl className='staff-facts'>
            <dt>排队业务</dt><dd>{lineText(ticket)}</dd>
            <dt>办理事项</dt><dd id='staff-current-item'>{at.item_name ?? '未选事项（按业务类别取号）'}</dd>
            <dt>取号时间</dt><dd>{formatDateTime(ticket.queued_at)}</dd>
            <dt>办事人</dt>
            <dd id='staff-current-name' data-testid='staff-current-name'>{at.name ?? (at.resident_id ? '未实名' : '匿名取号')}</dd>
            <dt>手机号</dt>
            <dd id='staff-current-phone' data-testid='staff-current-phone'>{at.phone ?? '—'}</dd>
          </dl>
          {at.resident_id ? <RevealPanel key={ticket.id} residentId={at.resident_id} /> : (
            <Text className='hs-muted'>匿名取号：如需核验身份，请查验办事人的身份证件。</Text>
          )}
          </View>
        </View>
      ) : (
        <View className='pg-state' id='staff-current-empty' data-testid='staff-current-empty'>
          窗口现在没有号码。按“叫号 (F1)”请下一位。
        </View>
      )}
      {at.others.length > 0 ? (
        <View className='staff-others' id='staff-others' data-testid='staff-others'>
          <Text className='hs-label'>窗口还有：</Text>
          {at.others.map((other) => (
            <View className='hs-row' key={other.id} data-testid={`staff-other-${other.id}`}>
              <Text>{other.number} {ticketStateText(other.status)}</Text>
              {other.status === 'held' ? (
                <button
                  type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`staff-other-resume-${other.id}`}
                  disabled={busy} onClick={() => onResume(other.id)}
                >
                  恢复办理 {other.number}
                </button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
