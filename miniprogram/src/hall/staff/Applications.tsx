/**
 * 办件: the applications of the staff member's departments, soonest promised deadline first; one opened
 * with its answers (masked, revealed with a reason), materials to download, timeline, and the steps
 * allowed now with the fields each requires (补正 the list of what is missing, 不予受理 a reason…).
 */
import { type FormEvent, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { getApplyItem } from '../../api/applications'
import { errorText, isApiError } from '../../api/errors'
import { countText, hasMore } from '../../api/paging'
import {
  applicationFilePath, applicationTransition, downloadWithStaffAuth, revealApplicationForm, staffApplication,
  staffApplications, type StaffApplication,
} from '../../api/staff'
import Async from '../../components/Async'
import { actionText, deadlineText, groupedNumber, statusText } from '../../utils/applicationFormat'
import { localToday } from '../../utils/bookingFormat'
import { formatDateTime } from '../../utils/format'
import { reasonProblem } from '../../utils/staffConsole'
import {
  allowedFromConflict, answerRows, answerText, buildTransition, DELIVERY_METHODS, dueText, EMPTY_TRANSITION_FORM, FIELD_LABELS,
  isDateOrEmpty, isSeriousStep, sizeText, STEP_FIELDS, staffSteps, type StepName, type TransitionForm,
  type TransitionProblems,
  WORK_FILTERS,
} from '../../utils/staffConsoleApplications'
import { useLoad } from '../../utils/useLoad'

const PAGE_SIZE = 20

function RevealForm ({ id, fields }: { id: number, fields: readonly unknown[] }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')
  const [sending, setSending] = useState(false)
  const [form, setForm] = useState<Record<string, unknown> | null>(null)

  async function onSubmit (event: FormEvent) {
    event.preventDefault()
    const why = reasonProblem(reason)
    if (why) {
      setProblem(why)
      return
    }
    setSending(true)
    setProblem('')
    try {
      setForm((await revealApplicationForm(id, reason.trim())).form)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setSending(false)
    }
  }

  if (form) {
    return (
      <View id='staff-app-revealed' data-testid='staff-app-revealed' role='status'>
        <table className='hs-table'>
          <caption>申请表（完整信息，本次查看已记入审计日志）</caption>
          <tbody>
            {answerRows(form, fields).map((row) => (
              <tr key={row.name}><th scope='row'>{row.label}</th><td>{row.text}</td></tr>
            ))}
          </tbody>
        </table>
        <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' onClick={() => setForm(null)}>隐藏完整信息</button>
      </View>
    )
  }
  if (!open) {
    return (
      <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='staff-app-reveal-open' data-testid='staff-app-reveal-open' onClick={() => setOpen(true)}>
        查看完整的证件号和手机号
      </button>
    )
  }
  return (
    <form onSubmit={onSubmit} id='staff-app-reveal-form' noValidate>
      <View className='hs-field'>
        <label className='hs-label' htmlFor='staff-app-reveal-reason'>查看原因（记入审计日志，5-200 字）</label>
        <input className='hs-input' id='staff-app-reveal-reason' data-testid='staff-app-reveal-reason' value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
      </View>
      {problem ? <View className='hs-problem' role='alert'>{problem}</View> : null}
      <View className='hs-row staff-form-buttons'>
        <button type='submit' className='hs-btn hs-btn--small' id='staff-app-reveal-submit' data-testid='staff-app-reveal-submit' disabled={sending}>查看</button>
        <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' onClick={() => setOpen(false)}>取消</button>
      </View>
    </form>
  )
}

function StepForm ({ app, onDone }: { app: StaffApplication, onDone: (notice: string) => void }) {
  const [action, setAction] = useState<StepName | null>(null)
  const [form, setForm] = useState<TransitionForm>(EMPTY_TRANSITION_FORM)
  const [problems, setProblems] = useState<TransitionProblems>({})
  const [error, setError] = useState<unknown>(null)
  const [allowed, setAllowed] = useState<string[] | null>(null)
  const [sending, setSending] = useState(false)
  const steps = staffSteps(allowed ?? app.allowed_actions)

  function choose (step: StepName) {
    setAction(step)
    setForm(EMPTY_TRANSITION_FORM)
    setProblems({})
    setError(null)
  }

  async function onSubmit (event: FormEvent) {
    event.preventDefault()
    if (!action || sending) return
    const built = buildTransition(action, form)
    if ('problems' in built) {
      setProblems(built.problems)
      return
    }
    setSending(true)
    setProblems({})
    setError(null)
    try {
      await applicationTransition(app.id, built.body)
      setAction(null)
      setAllowed(null)
      onDone(`已${actionText(action)}`)
    } catch (e) {
      setError(e)
      if (isApiError(e)) setAllowed(allowedFromConflict(e.details))
    } finally {
      setSending(false)
    }
  }

  const field = (name: keyof TransitionForm) => ({
    id: `staff-app-field-${name}`,
    'data-testid': `staff-app-field-${name}`,
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  })

  return (
    <View className='staff-steps' id='staff-app-steps' data-testid='staff-app-steps'>
      <h3 className='hs-label'>现在可以办理</h3>
      {steps.length === 0 ? (
        <Text className='hs-muted' id='staff-app-no-steps'>这件申请现在没有您可以办理的步骤。</Text>
      ) : (
        <View className='hs-row' role='group' aria-label='办理步骤'>
          {steps.map((step) => (
            <button
              key={step} type='button' id={`staff-app-step-${step}`} data-testid={`staff-app-step-${step}`}
              className={`hs-btn ${isSeriousStep(step) ? 'hs-btn--danger' : step === action ? '' : 'hs-btn--secondary'}`}
              aria-pressed={step === action} onClick={() => choose(step)}
            >
              {actionText(step)}
            </button>
          ))}
        </View>
      )}
      {action ? (
        <form className='staff-form' id='staff-app-transition-form' data-testid='staff-app-transition-form' onSubmit={onSubmit} noValidate>
          <Text className='hs-label'>{actionText(action)}</Text>
          {(STEP_FIELDS[action] ?? []).map((name) => (
            <View className='hs-field' key={name}>
              <label className='hs-label' htmlFor={`staff-app-field-${name}`}>{FIELD_LABELS[name]}</label>
              {name === 'method' ? (
                <select className='hs-select' {...field('method')}>
                  <option value=''>请选择</option>
                  {DELIVERY_METHODS.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
                </select>
              ) : name === 'items' || name === 'materials' || name === 'legal_basis' ? (
                <textarea className='hs-textarea' {...field(name)} />
              ) : (
                <input className='hs-input' maxLength={200} {...field(name)} />
              )}
              {problems[name] ? <View className='hs-problem' role='alert' id={`staff-app-problem-${name}`}>{problems[name]}</View> : null}
            </View>
          ))}
          <View className='hs-field'>
            <label className='hs-label' htmlFor='staff-app-field-comment'>备注（选填，记入办件记录）</label>
            <textarea className='hs-textarea' {...field('comment')} />
            {problems.comment ? <View className='hs-problem' role='alert'>{problems.comment}</View> : null}
          </View>
          {error ? <View className='pg-error' role='alert' id='staff-app-step-error' data-testid='staff-app-step-error'>{errorText(error)}</View> : null}
          <View className='hs-row staff-form-buttons'>
            <button type='submit' className={`hs-btn ${isSeriousStep(action) ? 'hs-btn--danger' : ''}`} id='staff-app-submit-step' data-testid='staff-app-submit-step' disabled={sending}>
              {sending ? '正在提交…' : `确认${actionText(action)}`}
            </button>
            <button type='button' className='hs-btn hs-btn--secondary' onClick={() => setAction(null)}>取消</button>
          </View>
        </form>
      ) : null}
    </View>
  )
}

function Detail ({ id, onChanged }: { id: number, onChanged: () => void }) {
  const app = useLoad(() => staffApplication(id), [id])
  const code = app.data?.item_code ?? ''
  // The form's labels and options; without them the answers still show under their field names.
  const item = useLoad(async () => (code ? getApplyItem(code) : null), [code])
  const fields = item.data?.application_form ?? []
  const [notice, setNotice] = useState('')
  const [downloadError, setDownloadError] = useState('')

  async function download (fileId: number, name: string) {
    setDownloadError('')
    try {
      await downloadWithStaffAuth(applicationFilePath(id, fileId), name)
    } catch (e) {
      setDownloadError(errorText(e))
    }
  }

  return (
    <View className='hs-card staff-app-detail' id='staff-app-detail' data-testid='staff-app-detail' data-application-id={id}>
      <Async id='staff-app-detail' load={app}>
        {(a) => (
          <View>
            <h2 className='hs-card__title'>{a.item_name}</h2>
            <View className='hs-row'>
              <Text className='hs-badge hs-badge--blue' id='staff-app-status' data-testid='staff-app-status' data-status={a.status}>{statusText(a.status)}</Text>
              <Text className='hs-muted'>{deadlineText(a.status, a.deadline)}</Text>
            </View>
            <dl className='staff-facts'>
              <dt>办件编号</dt><dd>{groupedNumber(a.number) || '—'}</dd>
              <dt>部门</dt><dd>{a.department}</dd>
              <dt>申请人</dt><dd id='staff-app-applicant'>{a.applicant_name ?? '—'}　{a.applicant_phone ?? ''}</dd>
              <dt>提交时间</dt><dd>{formatDateTime(a.submitted_at)}</dd>
              {a.deadline.promised_due ? <><dt>承诺办结</dt><dd>{a.deadline.promised_due}</dd></> : null}
              {a.deadline.legal_due ? <><dt>法定期限</dt><dd>{a.deadline.legal_due}</dd></> : null}
            </dl>
            {notice ? <View className='hs-notice' role='status' id='staff-app-notice' data-testid='staff-app-notice'>{notice}</View> : null}
            <StepForm
              key={`${a.id}-${a.status}`} app={a}
              onDone={(text) => {
                setNotice(text)
                app.reload()
                onChanged()
              }}
            />
            {a.correction && a.correction.length > 0 ? (
              <View className='staff-section'>
                <h3 className='hs-label'>需补正的材料</h3>
                <ul>{a.correction.map((item) => <li key={item}>{item}</li>)}</ul>
              </View>
            ) : null}
            <View className='staff-section'>
              <table className='hs-table'>
                <caption>申请表（证件号、手机号已隐去部分）</caption>
                <tbody>
                  {Object.keys(a.form).length === 0 ? <tr><td>没有填写内容</td></tr> : answerRows(a.form, fields).map((row) => (
                    <tr key={row.name}><th scope='row'>{row.label}</th><td>{row.text}</td></tr>
                  ))}
                </tbody>
              </table>
              <RevealForm key={a.id} id={a.id} fields={fields} />
            </View>
            <View className='staff-section'>
              <table className='hs-table' id='staff-app-materials'>
                <caption>材料</caption>
                <thead><tr><th scope='col'>材料</th><th scope='col'>要求</th><th scope='col'>文件</th></tr></thead>
                <tbody>
                  {a.materials.map((line) => (
                    <tr key={line.name}>
                      <td>{line.name}</td>
                      <td>{line.required ? '必须' : '按情形'}{line.upload ? '，网上上传' : '，窗口核验'}</td>
                      <td>
                        {a.files.filter((f) => f.material === line.name).map((f) => (
                          <button
                            key={f.id} type='button' className='hs-btn hs-btn--secondary hs-btn--small staff-file'
                            id={`staff-app-file-${f.id}`} data-testid={`staff-app-file-${f.id}`} onClick={() => download(f.id, f.filename)}
                            aria-label={`下载 ${f.filename}`}
                          >
                            下载 {f.filename}（{sizeText(f.size)}）
                          </button>
                        ))}
                        {line.files === 0 ? <Text className='hs-muted'>未上传</Text> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {downloadError ? <View className='pg-error' role='alert' id='staff-app-download-error'>{downloadError}</View> : null}
            </View>
            <View className='staff-section'>
              <table className='hs-table' id='staff-app-timeline'>
                <caption>办理记录</caption>
                <thead><tr><th scope='col'>时间</th><th scope='col'>步骤</th><th scope='col'>办理人</th><th scope='col'>说明</th></tr></thead>
                <tbody>
                  {a.timeline.map((event, index) => (
                    <tr key={`${event.at}-${index}`}>
                      <td>{formatDateTime(event.at)}</td>
                      <td>{actionText(event.action)}{event.code ? `（${event.code}）` : ''}</td>
                      <td>{event.actor === 'staff' ? '工作人员' : event.actor === 'resident' ? '申请人' : event.actor}</td>
                      <td>{[event.comment, answerText(event.details?.reason ?? ''), answerText(event.details?.items ?? '')].filter((t) => t && t !== '—').join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </View>
          </View>
        )}
      </Async>
    </View>
  )
}

export default function Applications () {
  const [status, setStatus] = useState('')
  const [dueBefore, setDueBefore] = useState('')
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<number | null>(null)
  const dateOk = isDateOrEmpty(dueBefore)
  const list = useLoad(
    () => staffApplications({ status: status || undefined, due_before: dateOk && dueBefore ? dueBefore : undefined, page, page_size: PAGE_SIZE }),
    [status, dueBefore, dateOk, page],
  )
  const today = localToday(Date.now())

  return (
    <View className='staff-apps' id='staff-apps' data-testid='staff-apps'>
      <View className='hs-card staff-apps__list'>
        <h2 className='hs-card__title'>本部门办件（按承诺期限排序）</h2>
        <View className='hs-row' role='group' aria-label='按状态筛选'>
          {WORK_FILTERS.map((f) => (
            <button
              key={f.key || 'all'} type='button' className='hs-chip' id={`staff-apps-filter-${f.key || 'all'}`}
              aria-pressed={status === f.key} onClick={() => { setStatus(f.key); setPage(1) }}
            >
              {f.label}
            </button>
          ))}
        </View>
        <View className='hs-field staff-due'>
          <label className='hs-label' htmlFor='staff-apps-due-before'>承诺期限早于（选填）</label>
          <input
            className='hs-input staff-input--short' type='date' id='staff-apps-due-before' data-testid='staff-apps-due-before'
            value={dueBefore} onChange={(e) => { setDueBefore(e.target.value); setPage(1) }}
          />
          {!dateOk ? <Text className='hs-problem'>日期格式应为 年-月-日</Text> : null}
        </View>
        <Async id='staff-apps' load={list} isEmpty={(p) => p.items.length === 0} emptyText='没有符合条件的办件。'>
          {(p) => (
            <View>
              <table className='hs-table' id='staff-apps-table'>
                <thead>
                  <tr><th scope='col'>事项</th><th scope='col'>状态</th><th scope='col'>承诺办结</th><th scope='col'>提交时间</th></tr>
                </thead>
                <tbody>
                  {p.items.map((item) => {
                    const due = dueText(item.promised_due, today)
                    return (
                      <tr key={item.id} aria-selected={item.id === selected} data-testid={`staff-app-row-${item.id}`}>
                        <td>
                          <button type='button' className='staff-linkbutton' id={`staff-app-open-${item.id}`} onClick={() => setSelected(item.id)}>
                            {item.item_name}
                          </button>
                          <Text className='hs-muted staff-block'>{groupedNumber(item.number)}</Text>
                        </td>
                        <td>{statusText(item.status)}</td>
                        <td className={due.urgent ? 'staff-urgent' : ''}>{due.text}</td>
                        <td>{formatDateTime(item.submitted_at)}</td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
              <View className='hs-row staff-pager'>
                <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='staff-apps-prev' disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</button>
                <Text className='hs-muted'>第 {p.page} 页，共 {countText({ total: Math.max(1, Math.ceil(p.total / PAGE_SIZE)), total_capped: p.total_capped })} 页，{countText(p)} 件</Text>
                <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='staff-apps-next' disabled={!hasMore(p)} onClick={() => setPage(page + 1)}>下一页</button>
              </View>
            </View>
          )}
        </Async>
      </View>
      {selected === null ? (
        <View className='hs-card staff-app-detail'>
          <View className='pg-state' id='staff-app-none'>在左侧选择一件申请查看并办理。</View>
        </View>
      ) : (
        <Detail key={selected} id={selected} onChanged={list.reload} />
      )}
    </View>
  )
}
