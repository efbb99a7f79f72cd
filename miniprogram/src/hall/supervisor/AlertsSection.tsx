/** 电子监察: the open alerts of the supervisor's scope, red first, with their deadlines; 签收 and 办结 with notes. */
import { Fragment, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { alertAction, type AlertAction, getAlert, listAlerts } from '../../api/supervision'
import Async from '../../components/Async'
import { formatDateTime } from '../../utils/format'
import {
  ALERT_ACTION_WORDS, ALERT_FILTERS, alertActions, alertDeadline, alertFacts, alertStatusWord, buildAlertAction,
  eventWord, levelWord, ruleWord, subjectText,
} from '../../utils/supervisorAlerts'
import { useLoad } from '../../utils/useLoad'
import StepActions from './StepActions'

const PAGE_SIZE = 20
const LEVEL_TONES: Record<string, string> = { warning: 'amber', yellow: 'yellow', red: 'red' }
const FIELDS: Record<AlertAction, string> = {
  acknowledge: '签收说明', resolve: '办结说明', appeal: '申诉理由', decide: '复核意见',
}

function AlertDetail ({ id, onChanged }: { id: number, onChanged: (notice: string) => void }) {
  const alert = useLoad(() => getAlert(id), [id])
  const [notice, setNotice] = useState('')
  return (
    <View className='sv-detail' id={`alert-detail-${id}`} data-testid={`alert-detail-${id}`}>
      <Async id={`alert-detail-${id}`} load={alert}>
        {(a) => (
          <View>
            {notice ? <View className='hs-notice' role='status' id={`alert-${id}-notice`}>{notice}</View> : null}
            <StepActions
              key={a.status} id={`alert-${id}`}
              actions={alertActions(a.allowed).map((key) => ({
                key, label: ALERT_ACTION_WORDS[key], field: FIELDS[key], optional: key === 'acknowledge', decide: key === 'decide',
              }))}
              build={(key, form) => buildAlertAction(key as AlertAction, form)}
              submit={(key, body) => alertAction(id, key as AlertAction, body)}
              onDone={(text) => {
                setNotice(text)
                alert.reload()
                onChanged(text)
              }}
            />
            <table className='hs-table sv-events'>
              <caption>处理记录</caption>
              <thead><tr><th scope='col'>时间</th><th scope='col'>操作</th><th scope='col'>状态</th><th scope='col'>说明</th></tr></thead>
              <tbody>
                {a.events.map((event, index) => (
                  <tr key={`${event.at}-${index}`}>
                    <td>{formatDateTime(event.at)}</td>
                    <td>{eventWord(event.action)}{event.actor === 'system' ? '（系统）' : ''}</td>
                    <td>{alertStatusWord(event.to_status)} · {levelWord(event.to_level)}</td>
                    <td>{event.note}</td>
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

export default function AlertsSection () {
  const [state, setState] = useState('open')
  const [page, setPage] = useState(1)
  const [opened, setOpened] = useState<number | null>(null)
  // What was just done: stays when the item leaves the filtered list (an acknowledged alert leaves 待签收).
  const [notice, setNotice] = useState('')
  const alerts = useLoad(() => listAlerts({ state: state || undefined, page, page_size: PAGE_SIZE }), [state, page])

  return (
    <View className='hs-card' id='alerts' data-testid='alerts'>
      <h2 className='hs-card__title'>电子监察预警</h2>
      <View className='hs-row' role='group' aria-label='按状态筛选'>
        {ALERT_FILTERS.map((f) => (
          <button
            key={f.key || 'all'} type='button' className='hs-chip' id={`alerts-filter-${f.key || 'all'}`}
            aria-pressed={state === f.key} onClick={() => { setState(f.key); setPage(1); setOpened(null) }}
          >
            {f.label}
          </button>
        ))}
      </View>
      {notice ? <View className='hs-notice' role='status' id='alerts-notice' data-testid='alerts-notice'>{notice}</View> : null}
      <Async id='alerts' load={alerts} isEmpty={(p) => p.items.length === 0} emptyText='没有这类预警。'>
        {(p) => (
          <View>
            <table className='hs-table' id='alerts-table'>
              <thead>
                <tr>
                  <th scope='col'>等级</th><th scope='col'>事项</th><th scope='col'>对象</th><th scope='col'>期限</th>
                  <th scope='col'>情况</th><th scope='col'>状态</th><th scope='col'>发生时间</th><th scope='col'>操作</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((a) => (
                  <Fragment key={a.id}>
                    <tr data-testid={`alert-row-${a.id}`} data-level={a.level} aria-selected={opened === a.id}>
                      <td><Text className={`hs-badge hs-badge--${LEVEL_TONES[a.level] ?? 'gray'}`}>{levelWord(a.level)}</Text></td>
                      <td>{ruleWord(a.rule)}</td>
                      <td>{subjectText(a)}</td>
                      <td>{alertDeadline(a) || '—'}</td>
                      <td>{alertFacts(a) || '—'}</td>
                      <td>{alertStatusWord(a.status)}{a.note ? `：${a.note}` : ''}</td>
                      <td>{formatDateTime(a.opened_at)}</td>
                      <td>
                        <button
                          type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`alert-open-${a.id}`}
                          data-testid={`alert-open-${a.id}`} aria-expanded={opened === a.id}
                          onClick={() => setOpened(opened === a.id ? null : a.id)}
                        >
                          {opened === a.id ? '收起' : '处理'}
                        </button>
                      </td>
                    </tr>
                    {opened === a.id ? (
                      <tr>
                        <td colSpan={8}><AlertDetail id={a.id} onChanged={(text) => { setNotice(`预警 #${a.id}：${text}`); alerts.reload() }} /></td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
            <View className='hs-row sv-pager'>
              <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='alerts-prev' disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</button>
              <Text className='hs-muted'>共 {p.total} 条</Text>
              <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='alerts-next' disabled={page * PAGE_SIZE >= p.total} onClick={() => setPage(page + 1)}>下一页</button>
            </View>
          </View>
        )}
      </Async>
    </View>
  )
}
