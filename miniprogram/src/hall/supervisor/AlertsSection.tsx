/** 电子监察: the open alerts of the supervisor's scope, red first, with their deadlines; 签收 and 办结 with notes. */
import { Text } from '@tarojs/components'

import { type Alert, alertAction, type AlertAction, type AlertSummary, getAlert, listAlerts } from '../../api/supervision'
import { formatDateTime } from '../../utils/format'
import {
  ALERT_ACTION_WORDS, ALERT_FILTERS, alertActions, alertDeadline, alertFacts, alertStatusWord, buildAlertAction,
  eventWord, levelWord, ruleWord, subjectText,
} from '../../utils/supervisorAlerts'
import CaseDetail from './CaseDetail'
import CaseList from './CaseList'

const LEVEL_TONES: Record<string, string> = { warning: 'amber', yellow: 'yellow', red: 'red' }
const FIELDS: Record<AlertAction, string> = {
  acknowledge: '签收说明', resolve: '办结说明', appeal: '申诉理由', decide: '复核意见',
}

function AlertDetail ({ id, onChanged }: { id: number, onChanged: (notice: string) => void }) {
  return (
    <CaseDetail<Alert>
      kind='alert' id={id} get={getAlert} onChanged={onChanged}
      actions={(a) => alertActions(a.allowed).map((key) => ({
        key, label: ALERT_ACTION_WORDS[key], field: FIELDS[key], optional: key === 'acknowledge', decide: key === 'decide',
      }))}
      build={(key, form) => buildAlertAction(key as AlertAction, form)}
      submit={(key, body) => alertAction(id, key as AlertAction, body)}
      heads={{ step: '操作', text: '说明' }}
      events={(a) => a.events.map((event) => ({
        at: event.at,
        step: `${eventWord(event.action)}${event.actor === 'system' ? '（系统）' : ''}`,
        status: `${alertStatusWord(event.to_status)} · ${levelWord(event.to_level)}`,
        text: event.note,
      }))}
    />
  )
}

export default function AlertsSection () {
  return (
    <CaseList<AlertSummary>
      cardId='alerts' id='alerts' kind='alert' title='电子监察预警' noun='预警' unit='条'
      filters={ALERT_FILTERS} initialFilter='open'
      load={(state, page, pageSize) => listAlerts({ state: state || undefined, page, page_size: pageSize })}
      emptyText='没有这类预警。'
      columns={['等级', '事项', '对象', '期限', '情况', '状态', '发生时间']}
      level={(a) => a.level}
      cells={(a) => (
        <>
          <td><Text className={`hs-badge hs-badge--${LEVEL_TONES[a.level] ?? 'gray'}`}>{levelWord(a.level)}</Text></td>
          <td>{ruleWord(a.rule)}</td>
          <td>{subjectText(a)}</td>
          <td>{alertDeadline(a) || '—'}</td>
          <td>{alertFacts(a) || '—'}</td>
          <td>{alertStatusWord(a.status)}{a.note ? `：${a.note}` : ''}</td>
          <td>{formatDateTime(a.opened_at)}</td>
        </>
      )}
      detail={(a, onChanged) => <AlertDetail id={a.id} onChanged={onChanged} />}
    />
  )
}
