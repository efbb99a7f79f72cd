/**
 * The actions that fit an alert or a work order now, each with its text field (a note, a reason, the
 * reply) and, for 复核, whether the appeal is upheld. One form open at a time.
 */
import { type FormEvent, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { errorText } from '../../api/errors'
import type { Built, StepForm } from '../../utils/supervisorAlerts'

export interface ActionDef {
  key: string
  label: string
  /** The text field's label. */
  field: string
  /** The text may stay empty (签收). */
  optional?: boolean
  /** 复核: choose upheld or rejected. */
  decide?: boolean
}

interface StepActionsProps {
  /** Prefix of the ids: `<id>-<action>`, `<id>-text`, `<id>-submit`, `<id>-error`. */
  id: string
  actions: ActionDef[]
  build: (action: string, form: StepForm) => Built
  submit: (action: string, body: Record<string, unknown>) => Promise<unknown>
  onDone: (notice: string) => void
}

export default function StepActions ({ id, actions, build, submit, onDone }: StepActionsProps) {
  const [open, setOpen] = useState<ActionDef | null>(null)
  const [form, setForm] = useState<StepForm>({ text: '', upheld: null })
  const [problem, setProblem] = useState('')
  const [sending, setSending] = useState(false)

  if (actions.length === 0) return <Text className='hs-muted' id={`${id}-none`}>现在没有需要您处理的操作。</Text>

  async function onSubmit (event: FormEvent) {
    event.preventDefault()
    if (!open || sending) return
    const built = build(open.key, form)
    if ('problem' in built) {
      setProblem(built.problem)
      return
    }
    setSending(true)
    setProblem('')
    try {
      await submit(open.key, built.body)
      onDone(`已${open.label}`)
      setOpen(null)
    } catch (e) {
      setProblem(errorText(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='sv-steps'>
      <View className='hs-row' role='group' aria-label='可办理的操作'>
        {actions.map((action) => (
          <button
            key={action.key} type='button' className={`hs-btn hs-btn--small ${open?.key === action.key ? '' : 'hs-btn--secondary'}`}
            id={`${id}-${action.key}`} data-testid={`${id}-${action.key}`} aria-pressed={open?.key === action.key}
            onClick={() => {
              setOpen(action)
              setForm({ text: '', upheld: null })
              setProblem('')
            }}
          >
            {action.label}
          </button>
        ))}
      </View>
      {open ? (
        <form className='sv-step-form' onSubmit={onSubmit} id={`${id}-form`} data-testid={`${id}-form`} noValidate>
          {open.decide ? (
            <fieldset className='sv-fieldset'>
              <legend className='hs-label'>申诉是否成立</legend>
              <label className='sv-check'>
                <input className='hs-box' type='radio' name={`${id}-upheld`} id={`${id}-upheld-yes`} checked={form.upheld === true} onChange={() => setForm({ ...form, upheld: true })} />
                成立（撤销该项，保留记录）
              </label>
              <label className='sv-check'>
                <input className='hs-box' type='radio' name={`${id}-upheld`} id={`${id}-upheld-no`} checked={form.upheld === false} onChange={() => setForm({ ...form, upheld: false })} />
                不成立（恢复处理）
              </label>
            </fieldset>
          ) : null}
          <View className='hs-field'>
            <label className='hs-label' htmlFor={`${id}-text`}>{open.field}{open.optional ? '（选填）' : ''}（最多 500 字）</label>
            <textarea className='hs-textarea' id={`${id}-text`} data-testid={`${id}-text`} value={form.text} maxLength={500} onChange={(e) => setForm({ ...form, text: e.target.value })} />
          </View>
          {problem ? <View className='pg-error' role='alert' id={`${id}-error`} data-testid={`${id}-error`}>{problem}</View> : null}
          <View className='hs-row sv-step-buttons'>
            <button type='submit' className='hs-btn hs-btn--small' id={`${id}-submit`} data-testid={`${id}-submit`} disabled={sending}>
              {sending ? '正在提交…' : `确认${open.label}`}
            </button>
            <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' onClick={() => setOpen(null)}>取消</button>
          </View>
        </form>
      ) : null}
    </View>
  )
}
