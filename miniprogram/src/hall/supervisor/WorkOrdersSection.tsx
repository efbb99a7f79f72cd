/**
 * 差评 work orders of the scope, soonest due first: the rating, each step, and the steps that fit now
 * (核实, 整改 or 解释说明, 答复; 申诉 for a dept_admin, 复核 for a supervisor).
 */
import { getWorkOrder, listWorkOrders, type WorkOrder, type WorkOrderStep, workOrderStep, type WorkOrderSummary } from '../../api/supervision'
import { localToday } from '../../utils/bookingFormat'
import { formatDateTime } from '../../utils/format'
import { levelText, REPLY_LEVELS } from '../../utils/ratingFormat'
import {
  buildOrderStep, eventWord, ORDER_FILTERS, ORDER_STEP_WORDS, orderDue, type OrderStep, orderStatusWord, orderSteps,
} from '../../utils/supervisorAlerts'
import CaseDetail from './CaseDetail'
import CaseList from './CaseList'

function OrderFacts ({ order: o }: { order: WorkOrder }) {
  return (
    <dl className='sv-facts'>
      <dt>评价</dt>
      <dd>{o.evaluation.level_text}（{o.evaluation.channel === 'onsite' ? '现场评价' : '网上评价'}{o.evaluation.by_device ? '，窗口评价器' : ''}）</dd>
      <dt>评价内容</dt><dd>{o.evaluation.comment || '—'}</dd>
      <dt>标签</dt><dd>{o.evaluation.tags.join('、') || '—'}</dd>
      {o.verification ? <><dt>核实情况</dt><dd>{o.verification}</dd></> : null}
      {o.handling_text ? <><dt>{o.handling === 'rectify' ? '整改措施' : '解释说明'}</dt><dd>{o.handling_text}</dd></> : null}
      {o.reply ? <><dt>答复</dt><dd>{o.reply}</dd></> : null}
      {o.revisit_level ? <><dt>回访</dt><dd>{levelText(o.revisit_level, REPLY_LEVELS)}</dd></> : null}
      {o.appeal_reason ? <><dt>申诉理由</dt><dd>{o.appeal_reason}</dd></> : null}
      {o.appeal_note ? <><dt>复核意见</dt><dd>{o.appeal_decision === 'upheld' ? '申诉成立：' : '申诉不成立：'}{o.appeal_note}</dd></> : null}
    </dl>
  )
}

function OrderDetail ({ id, onChanged }: { id: number, onChanged: (notice: string) => void }) {
  return (
    <CaseDetail<WorkOrder>
      kind='order' id={id} get={getWorkOrder} onChanged={onChanged}
      facts={(o) => <OrderFacts order={o} />}
      actions={(o) => orderSteps(o.allowed).map((key) => ({
        key, label: ORDER_STEP_WORDS[key].label, field: ORDER_STEP_WORDS[key].field, decide: key === 'decide',
      }))}
      build={(key, form) => buildOrderStep(key as OrderStep, form)}
      submit={(key, body) => workOrderStep(id, key as WorkOrderStep, body)}
      heads={{ step: '步骤', text: '内容' }}
      events={(o) => o.events.map((event) => ({
        at: event.at, step: eventWord(event.action), status: orderStatusWord(event.to_status), text: event.text,
      }))}
    />
  )
}

export default function WorkOrdersSection () {
  const today = localToday(Date.now())
  return (
    <CaseList<WorkOrderSummary>
      cardId='work-orders' id='orders' kind='order' title='差评整改工单' noun='工单' unit='件'
      filters={ORDER_FILTERS} initialFilter=''
      load={(status, page, pageSize) => listWorkOrders({ status: status || undefined, page, page_size: pageSize })}
      emptyText='没有这类工单。'
      columns={['工单', '评价', '状态', '答复期限', '生成时间']}
      cells={(o) => {
        const due = orderDue(o.due_on, o.status, today)
        return (
          <>
            <td>#{o.id}</td>
            <td>{levelText(o.level)}</td>
            <td>{orderStatusWord(o.status)}</td>
            <td className={due.overdue ? 'sv-overdue' : ''}>{due.text}</td>
            <td>{formatDateTime(o.created_at)}</td>
          </>
        )
      }}
      detail={(o, onChanged) => <OrderDetail id={o.id} onChanged={onChanged} />}
    />
  )
}
