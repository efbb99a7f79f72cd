import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'

import {
  type Appointment, arrive, cancelAppointment, checkInQrUrl, loadAppointment, rescheduleAppointment,
} from '../../api/booking'
import { linkUrl } from '../../api/catalogQuery'
import { API_BASE } from '../../api/url'
import Async from '../../components/Async'
import LoginCard, { useLoggedIn } from '../../components/LoginCard'
import Screen from '../../components/Screen'
import {
  appointmentNotes, appointmentTime, arriveState, canChange, findOpenSlot, localToday, statusBadge, whenText,
} from '../../utils/bookingFormat'
import { type BookingProblem, bookingProblem, type NextStep } from '../../utils/bookingErrors'
import { appointmentPageUrl, bookPageUrl, readReference } from '../../utils/bookingRoutes'
import { takeTicketPageUrl, ticketPageUrl } from '../../utils/queueRoutes'
import { openExternal } from '../../utils/device'
import { APPOINTMENTS_PAGE, HOME_PAGE, readIdParam, readParam } from '../../utils/routes'
import { useLoad } from '../../utils/useLoad'
import { InfoRow, openPage, ProblemBox, Rules, SlotPicker, useSlots } from './parts'

import './index.css'

/** 改约: another slot of the same item at the same hall. */
function Reschedule ({ appointment, onMoved, onClose }: { appointment: Appointment, onMoved: () => void, onClose: () => void }) {
  const slots = useSlots(appointment.hall.id, appointment.item.code)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<BookingProblem | null>(null)
  const chosen = findOpenSlot(slots.days, slots.slotId === appointment.slot_id ? null : slots.slotId)

  async function move () {
    if (!chosen || busy) return
    setBusy(true)
    setProblem(null)
    try {
      // No Idempotency-Key: moving to the slot it is already in changes nothing, so a retry is harmless.
      await rescheduleAppointment(appointment.id, chosen.slot.id)
      Taro.showToast({ title: '改约成功', icon: 'success' }).catch(() => undefined)
      onMoved()
    } catch (e) {
      const found = bookingProblem(e)
      setProblem(found)
      if (found.refreshSlots) slots.again()
    } finally {
      setBusy(false)
    }
  }

  function onStep (step: NextStep) {
    if (step === 'pick_slot') {
      setProblem(null)
      slots.again()
    } else if (step === 'retry') {
      move()
    } else if (step === 'appointment' && problem?.reference) {
      openPage(appointmentPageUrl({ ref: problem.reference }))
    } else if (step === 'take_ticket') {
      openPage(takeTicketPageUrl({ item: appointment.item.code, hall: appointment.hall.id }))
    } else {
      onMoved() // reload: the appointment changed meanwhile
    }
  }

  return (
    <View className='pg-card' id='appointment-reschedule' data-testid='appointment-reschedule'>
      <Text className='pg-card__title'>改约到其他时间</Text>
      <Text className='pg-secondary'>仍在{appointment.hall.name}办理。新的时段约好后，原来的时段自动释放。</Text>
      <Async
        id='reschedule-slots'
        load={slots.availability}
        isEmpty={() => slots.days.length === 0}
        emptyText='近期没有其他可预约的时段。'
      >
        {() => <SlotPicker id='reschedule-picker' slots={slots} onPick={() => setProblem(null)} currentSlotId={appointment.slot_id} />}
      </Async>
      {problem ? <ProblemBox id='reschedule-problem' problem={problem} onStep={onStep} /> : null}
      <Button
        className={`pg-button${chosen && !busy ? '' : ' pg-button--disabled'}`}
        id='reschedule-confirm'
        data-testid='reschedule-confirm'
        disabled={!chosen || busy || undefined}
        onClick={move}
      >
        {busy ? '正在改约…' : chosen ? `改到 ${chosen.day.text} ${chosen.slot.time}` : '请选择新的时段'}
      </Button>
      <Button className='pg-button pg-button--secondary' id='reschedule-close' onClick={onClose}>不改了</Button>
    </View>
  )
}

type Action = 'cancel' | 'arrive'

function Details ({ appointment: a, booked, reload }: { appointment: Appointment, booked: boolean, reload: () => Promise<void> }) {
  const [busy, setBusy] = useState<Action | null>(null)
  const [failed, setFailed] = useState<{ action: Action, problem: BookingProblem } | null>(null)
  const [rescheduling, setRescheduling] = useState(false)
  const [qrFailed, setQrFailed] = useState(false)
  const [qrTry, setQrTry] = useState(0)

  const now = Date.now()
  const today = localToday(now)
  const badge = statusBadge(a.status)
  const time = appointmentTime(a.starts_at, a.ends_at, today)
  const changeable = canChange(a, now)
  const arriving = arriveState(a, now)

  async function doCancel () {
    setBusy('cancel')
    setFailed(null)
    try {
      await cancelAppointment(a.id)
      setRescheduling(false)
      Taro.showToast({ title: '已取消预约', icon: 'success' }).catch(() => undefined)
      await reload()
    } catch (e) {
      setFailed({ action: 'cancel', problem: bookingProblem(e) })
    } finally {
      setBusy(null)
    }
  }

  async function onCancel () {
    if (busy) return
    const answer = await Taro.showModal({
      title: '取消预约',
      content: `确定取消 ${time} 的预约吗？取消后这个时段会让给其他人。`,
      confirmText: '确定取消',
      cancelText: '不取消',
      confirmColor: '#b91c1c',
    }).catch(() => ({ confirm: false }))
    if (answer.confirm) doCancel()
  }

  async function onArrive () {
    if (busy) return
    setBusy('arrive')
    setFailed(null)
    try {
      const ticket = await arrive(a.id)
      Taro.redirectTo({ url: ticketPageUrl(ticket.id) }).catch(() => setBusy(null))
    } catch (e) {
      setFailed({ action: 'arrive', problem: bookingProblem(e) })
      setBusy(null)
    }
  }

  function onStep (step: NextStep) {
    if (step === 'retry') {
      if (failed?.action === 'arrive') onArrive()
      else doCancel()
    } else if (step === 'take_ticket') {
      openPage(takeTicketPageUrl({ item: a.item.code, hall: a.hall.id }))
    } else {
      setFailed(null)
      reload()
    }
  }

  return (
    <View>
      {booked && a.status === 'booked' ? (
        <View className='pg-notice' id='appointment-booked' data-testid='appointment-booked' role='status'>
          预约成功！请按时到场，到大厅后扫下方签到码取号。
        </View>
      ) : null}

      <View className='pg-card' id='appointment-head' data-testid='appointment-head' data-status={a.status} data-id={a.id}>
        <Text className='appt__item' id='appointment-item'>{a.item.name}</Text>
        <View className='pg-badges'>
          <Text className={`pg-badge pg-badge--${badge.tone}`} id='appointment-status' data-testid='appointment-status'>{badge.text}</Text>
          {a.booked_by_proxy ? <Text className='pg-badge pg-badge--amber'>家人代办</Text> : null}
        </View>
        <Text className='appt__time' id='appointment-time' data-testid='appointment-time'>{time}</Text>
        <View className='appt__ref'>
          <Text className='appt__ref-label'>预约号</Text>
          <Text className='appt__ref-value' id='appointment-reference' data-testid='appointment-reference'>{a.reference}</Text>
        </View>
      </View>

      {a.check_in ? (
        <View className='pg-card appt__qr-card' id='appointment-checkin' data-testid='appointment-checkin'>
          <Text className='pg-card__title'>签到码</Text>
          {qrFailed ? (
            <View className='pg-error' id='appointment-qr-error' role='alert'>
              <Text>签到码图片没有加载出来，可以把预约号告诉工作人员。</Text>
              <Button
                className='pg-button pg-button--secondary pg-button--small pg-retry'
                id='appointment-qr-retry'
                onClick={() => {
                  setQrFailed(false)
                  setQrTry(qrTry + 1)
                }}
              >
                重新加载
              </Button>
            </View>
          ) : (
            <Image
              key={qrTry}
              className='appt__qr'
              id='appointment-qr'
              data-testid='appointment-qr'
              src={checkInQrUrl(a.check_in)}
              mode='aspectFit'
              aria-label={`签到二维码，预约号 ${a.reference}`}
              {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { alt: `签到二维码，预约号 ${a.reference}` } } : {})}
              onError={() => setQrFailed(true)}
            />
          )}
          <Text className='appt__qr-ref' id='appointment-qr-reference'>预约号 {a.reference}</Text>
          <Text className='pg-secondary appt__center'>到大厅后，在自助取号机上扫这个码签到取号；也可以把预约号告诉工作人员。</Text>
        </View>
      ) : null}

      <View className='pg-card' id='appointment-where' data-testid='appointment-where'>
        <Text className='pg-card__title'>时间和地点</Text>
        <InfoRow label='时间' value={time} />
        <InfoRow label='大厅' value={a.hall.name} id='appointment-hall' />
        <InfoRow label='地址' value={a.hall.address} id='appointment-address' />
        {a.booked_by_proxy ? <InfoRow label='预约方式' value='由家人代办预约' /> : null}
      </View>

      {a.status === 'booked' ? (
        <View className='pg-card' id='appointment-actions' data-testid='appointment-actions'>
          <Text className='pg-card__title'>到场签到</Text>
          {arriving === 'open' ? (
            <Button className='pg-button' id='appointment-arrive' data-testid='appointment-arrive' disabled={busy !== null || undefined} onClick={onArrive}>
              {busy === 'arrive' ? '正在签到…' : '我已到达，签到取号'}
            </Button>
          ) : null}
          {arriving === 'early' && a.check_in ? (
            <Text className='pg-text' id='appointment-arrive-later'>
              到大厅后可以点“我已到达”签到取号，{whenText(a.check_in.valid_from, today)} 起可用。
            </Text>
          ) : null}
          {arriving === 'over' ? (
            <View>
              <Text className='pg-text' id='appointment-arrive-over'>签到时间已过，请到大厅现场取号办理。</Text>
              <Button className='pg-button pg-button--secondary' id='appointment-take' onClick={() => openPage(takeTicketPageUrl({ item: a.item.code, hall: a.hall.id }))}>
                现场取号
              </Button>
            </View>
          ) : null}
          {failed ? <ProblemBox id='appointment-problem' problem={failed.problem} onStep={onStep} /> : null}
          {changeable ? (
            <View className='appt__buttons'>
              <Button
                className='pg-button pg-button--secondary'
                id='appointment-reschedule-open'
                data-testid='appointment-reschedule-open'
                disabled={busy !== null || undefined}
                onClick={() => setRescheduling(!rescheduling)}
              >
                {rescheduling ? '收起改约' : '改约'}
              </Button>
              <Button
                className='pg-button pg-button--danger'
                id='appointment-cancel'
                data-testid='appointment-cancel'
                disabled={busy !== null || undefined}
                onClick={onCancel}
              >
                {busy === 'cancel' ? '正在取消…' : '取消预约'}
              </Button>
            </View>
          ) : (
            <Text className='pg-secondary' id='appointment-change-closed'>已过取消和改约的截止时间。</Text>
          )}
        </View>
      ) : null}

      {a.status === 'cancelled' || a.status === 'no_show' ? (
        <Button className='pg-button' id='appointment-book-again' onClick={() => openPage(bookPageUrl(a.item.code, a.hall.id))}>
          重新预约
        </Button>
      ) : null}

      {rescheduling && changeable ? (
        <Reschedule
          appointment={a}
          onMoved={() => {
            setRescheduling(false)
            reload()
          }}
          onClose={() => setRescheduling(false)}
        />
      ) : null}

      <Rules id='appointment-notes' title='温馨提示' rules={appointmentNotes(a, now, today)} />

      {a.required_materials.length || a.conditional_materials.length ? (
        <View className='pg-card' id='appointment-materials' data-testid='appointment-materials'>
          <Text className='pg-card__title'>需要带的材料</Text>
          {a.required_materials.map((m, i) => (
            <View key={`r${i}`} className='appt__material' data-testid='appointment-material'>
              <Text className='appt__material-name'>{i + 1}. {m.name}</Text>
              <Text className='pg-secondary'>{m.count} 份 · {m.form_label}</Text>
            </View>
          ))}
          {a.conditional_materials.length ? <Text className='appt__group'>以下材料视情形提交</Text> : null}
          {a.conditional_materials.map((m, i) => (
            <View key={`c${i}`} className='appt__material' data-testid='appointment-material'>
              <Text className='appt__material-name'>{i + 1}. {m.name}</Text>
              {m.condition ? <Text className='pg-secondary'>情形：{m.condition}</Text> : null}
              <Text className='pg-secondary'>{m.count} 份 · {m.form_label}</Text>
            </View>
          ))}
          <View
            className='pg-link appt__checklist'
            id='appointment-checklist'
            role='link'
            onClick={() => openExternal(linkUrl(API_BASE, a.checklist_url))}
          >
            打印/分享告知单
          </View>
        </View>
      ) : null}
    </View>
  )
}

function AppointmentLoader ({ id, reference, booked }: { id: number | null, reference: string | null, booked: boolean }) {
  const load = useLoad(() => loadAppointment({ id, ref: reference }), [id, reference])
  // Back from the ticket or real-name page: show the status as it is now. The first load is useLoad's.
  useDidShow(() => {
    if (load.data) load.reload()
  })
  return (
    <Async id='appointment' load={load}>
      {(a) => <Details appointment={a} booked={booked} reload={load.reload} />}
    </Async>
  )
}

export default function AppointmentPage () {
  const { params } = useRouter()
  const id = readIdParam(params.id)
  const reference = readReference(readParam(params.ref))
  const booked = params.booked === '1'
  const loggedIn = useLoggedIn()
  const hasTarget = id !== null || reference !== null

  return (
    <Screen id='appointment'>
      <Text className='pg-title'>预约详情</Text>
      {hasTarget && !loggedIn ? (
        <LoginCard
          id='appointment-login'
          text='登录后查看您的预约和签到码。'
          redirect={appointmentPageUrl(id !== null ? { id } : { ref: reference ?? undefined })}
        />
      ) : null}
      {hasTarget && loggedIn ? <AppointmentLoader id={id} reference={reference} booked={booked} /> : null}
      {hasTarget ? null : (
        <View className='pg-state' id='appointment-none' data-testid='appointment-none'>
          <Text>没有找到要查看的预约，请在“我的预约”中查看。</Text>
        </View>
      )}
      <Button className='pg-button pg-button--secondary' id='appointment-list' data-testid='appointment-list' onClick={() => openPage(APPOINTMENTS_PAGE)}>
        我的预约
      </Button>
      <Button className='pg-button pg-button--secondary' id='appointment-home' onClick={() => Taro.reLaunch({ url: HOME_PAGE })}>
        返回首页
      </Button>
    </Screen>
  )
}
