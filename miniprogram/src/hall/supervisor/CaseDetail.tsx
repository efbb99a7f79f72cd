/**
 * One alert or work order opened under its row: its facts, what was just done, the actions that fit now
 * (StepActions) and its record (处理记录).
 */
import { type ReactNode, useState } from 'react'
import { View } from '@tarojs/components'

import Async from '../../components/Async'
import { formatDateTime } from '../../utils/format'
import type { Built, StepForm } from '../../utils/supervisorAlerts'
import { useLoad } from '../../utils/useLoad'
import StepActions, { type ActionDef } from './StepActions'

/** One line of the record, in words. */
export interface CaseEvent {
  at: string
  step: string
  status: string
  text: string
}

interface CaseDetailProps<T extends { status: string }> {
  /** `alert` or `order`: ids `<kind>-detail-<id>`, `<kind>-<id>-notice` and the actions' `<kind>-<id>-…`. */
  kind: string
  id: number
  get: (id: number) => Promise<T>
  /** Shown above the actions (a work order's rating and answers). */
  facts?: (item: T) => ReactNode
  actions: (item: T) => ActionDef[]
  build: (action: string, form: StepForm) => Built
  submit: (action: string, body: Record<string, unknown>) => Promise<unknown>
  /** The record's column heads of the step and of the text (操作 and 说明, 步骤 and 内容). */
  heads: { step: string, text: string }
  events: (item: T) => CaseEvent[]
  onChanged: (notice: string) => void
}

export default function CaseDetail<T extends { status: string }> (
  { kind, id, get, facts, actions, build, submit, heads, events, onChanged }: CaseDetailProps<T>,
) {
  const item = useLoad(() => get(id), [id])
  const [notice, setNotice] = useState('')
  return (
    <View className='sv-detail' id={`${kind}-detail-${id}`} data-testid={`${kind}-detail-${id}`}>
      <Async id={`${kind}-detail-${id}`} load={item}>
        {(data) => (
          <View>
            {facts?.(data)}
            {notice ? <View className='hs-notice' role='status' id={`${kind}-${id}-notice`}>{notice}</View> : null}
            <StepActions
              key={data.status} id={`${kind}-${id}`} actions={actions(data)} build={build} submit={submit}
              onDone={(text) => {
                setNotice(text)
                item.reload()
                onChanged(text)
              }}
            />
            <table className='hs-table sv-events'>
              <caption>处理记录</caption>
              <thead><tr><th scope='col'>时间</th><th scope='col'>{heads.step}</th><th scope='col'>状态</th><th scope='col'>{heads.text}</th></tr></thead>
              <tbody>
                {events(data).map((event, index) => (
                  <tr key={`${event.at}-${index}`}>
                    <td>{formatDateTime(event.at)}</td>
                    <td>{event.step}</td>
                    <td>{event.status}</td>
                    <td>{event.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </View>
        )}
      </Async>
    </View>
  )
}
