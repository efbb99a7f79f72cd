/**
 * 差评 work orders of the scope, soonest due first: the rating, each step, and the steps that fit now
 * (核实, 整改 or 解释说明, 答复; 申诉 for a dept_admin, 复核 for a supervisor).
 */
import { Fragment, useState } from 'react'
import { Text, View } from '@tarojs/components'

import { getWorkOrder, listWorkOrders, type WorkOrderStep, workOrderStep } from '../../api/supervision'
import Async from '../../components/Async'
import { localToday } from '../../utils/bookingFormat'
import { formatDateTime } from '../../utils/format'
import { levelText, REPLY_LEVELS } from '../../utils/ratingFormat'
import {
  buildOrderStep, eventWord, ORDER_FILTERS, ORDER_STEP_WORDS, orderDue, type OrderStep, orderStatusWord, orderSteps,
} from '../../utils/supervisorAlerts'
import { useLoad } from '../../utils/useLoad'
import StepActions from './StepActions'

const PAGE_SIZE = 20

function OrderDetail ({ id, onChanged }: { id: number, onChanged: (notice: string) => void }) {
  const order = useLoad(() => getWorkOrder(id), [id])
  const [notice, setNotice] = useState('')
  return (
    <View className='sv-detail' id={`order-detail-${id}`} data-testid={`order-detail-${id}`}>
      <Async id={`order-detail-${id}`} load={order}>
        {(o) => (
          <View>
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
            {notice ? <View className='hs-notice' role='status' id={`order-${id}-notice`}>{notice}</View> : null}
            <StepActions
              key={o.status} id={`order-${id}`}
              actions={orderSteps(o.allowed).map((key) => ({
                key, label: ORDER_STEP_WORDS[key].label, field: ORDER_STEP_WORDS[key].field, decide: key === 'decide',
              }))}
              build={(key, form) => buildOrderStep(key as OrderStep, form)}
              submit={(key, body) => workOrderStep(id, key as WorkOrderStep, body)}
              onDone={(text) => {
                setNotice(text)
                order.reload()
                onChanged(text)
              }}
            />
            <table className='hs-table sv-events'>
              <caption>处理记录</caption>
              <thead><tr><th scope='col'>时间</th><th scope='col'>步骤</th><th scope='col'>状态</th><th scope='col'>内容</th></tr></thead>
              <tbody>
                {o.events.map((event, index) => (
                  <tr key={`${event.at}-${index}`}>
                    <td>{formatDateTime(event.at)}</td>
                    <td>{eventWord(event.action)}</td>
                    <td>{orderStatusWord(event.to_status)}</td>
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

export default function WorkOrdersSection () {
  const [status, setStatus] = useState('')
  const [page, setPage] = useState(1)
  const [opened, setOpened] = useState<number | null>(null)
  // What was just done: stays when the item leaves the filtered list (an acknowledged alert leaves 待签收).
  const [notice, setNotice] = useState('')
  const orders = useLoad(() => listWorkOrders({ status: status || undefined, page, page_size: PAGE_SIZE }), [status, page])
  const today = localToday(Date.now())

  return (
    <View className='hs-card' id='work-orders' data-testid='work-orders'>
      <h2 className='hs-card__title'>差评整改工单</h2>
      <View className='hs-row' role='group' aria-label='按状态筛选'>
        {ORDER_FILTERS.map((f) => (
          <button
            key={f.key || 'all'} type='button' className='hs-chip' id={`orders-filter-${f.key || 'all'}`}
            aria-pressed={status === f.key} onClick={() => { setStatus(f.key); setPage(1); setOpened(null) }}
          >
            {f.label}
          </button>
        ))}
      </View>
      {notice ? <View className='hs-notice' role='status' id='orders-notice' data-testid='orders-notice'>{notice}</View> : null}
      <Async id='orders' load={orders} isEmpty={(p) => p.items.length === 0} emptyText='没有这类工单。'>
        {(p) => (
          <View>
            <table className='hs-table' id='orders-table'>
              <thead>
                <tr>
                  <th scope='col'>工单</th><th scope='col'>评价</th><th scope='col'>状态</th><th scope='col'>答复期限</th>
                  <th scope='col'>生成时间</th><th scope='col'>操作</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((o) => {
                  const due = orderDue(o.due_on, o.status, today)
                  return (
                    <Fragment key={o.id}>
                      <tr data-testid={`order-row-${o.id}`} aria-selected={opened === o.id}>
                        <td>#{o.id}</td>
                        <td>{levelText(o.level)}</td>
                        <td>{orderStatusWord(o.status)}</td>
                        <td className={due.overdue ? 'sv-overdue' : ''}>{due.text}</td>
                        <td>{formatDateTime(o.created_at)}</td>
                        <td>
                          <button
                            type='button' className='hs-btn hs-btn--secondary hs-btn--small' id={`order-open-${o.id}`}
                            data-testid={`order-open-${o.id}`} aria-expanded={opened === o.id}
                            onClick={() => setOpened(opened === o.id ? null : o.id)}
                          >
                            {opened === o.id ? '收起' : '处理'}
                          </button>
                        </td>
                      </tr>
                      {opened === o.id ? (
                        <tr><td colSpan={6}><OrderDetail id={o.id} onChanged={(text) => { setNotice(`工单 #${o.id}：${text}`); orders.reload() }} /></td></tr>
                      ) : null}
                    </Fragment>
                  )
                })}
              </tbody>
            </table>
            <View className='hs-row sv-pager'>
              <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='orders-prev' disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</button>
              <Text className='hs-muted'>共 {p.total} 件</Text>
              <button type='button' className='hs-btn hs-btn--secondary hs-btn--small' id='orders-next' disabled={page * PAGE_SIZE >= p.total} onClick={() => setPage(page + 1)}>下一页</button>
            </View>
          </View>
        )}
      </Async>
    </View>
  )
}
