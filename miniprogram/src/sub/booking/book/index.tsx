import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { bookAppointment } from '../../../api/booking'
import { getItem } from '../../../api/catalog'
import type { ItemGuide } from '../../../api/catalogTypes'
import { newIdempotencyKey } from '../../../api/idempotency'
import Async from '../../../components/Async'
import { useLoggedIn } from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import { InfoRow, openPage, ProblemBox, Rules, SlotPicker, useSlots } from '../../../pages/appointment/parts'
import { actingFor, getActing } from '../../../store/acting'
import { bookingRules, findOpenSlot } from '../../../utils/bookingFormat'
import {
  type BookingProblem, bookingKey, bookingProblem, type NextStep, type PendingBooking,
} from '../../../utils/bookingErrors'
import { appointmentPageUrl, bookPageUrl } from '../../../utils/bookingRoutes'
import { takeTicketPageUrl } from '../../../utils/queueRoutes'
import { groupHandledAt, type HallQueues } from '../../../utils/catalogFormat'
import { loginPageUrl, realNamePageUrl } from '../../../utils/identityRoutes'
import { APPOINTMENTS_PAGE, itemPageUrl, ITEMS_PAGE, readIdParam, readParam } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'

import './index.css'

/** 选择时间 and 确认预约 at one hall: its availability, the slot picker, the confirmation and the rules. */
function HallBooking ({ item, hall }: { item: ItemGuide, hall: HallQueues }) {
  const slots = useSlots(hall.hallId, item.code)
  const [pending, setPending] = useState<PendingBooking | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<BookingProblem | null>(null)

  const chosen = findOpenSlot(slots.days, slots.slotId)
  const acting = getActing()
  const loggedIn = useLoggedIn()
  const here = bookPageUrl(item.code, hall.hallId)

  function pickSlotAgain () {
    slots.again()
    Taro.pageScrollTo({ selector: '#book-time', duration: 200 }).catch(() => undefined)
  }

  async function confirm () {
    if (!chosen || busy) return
    if (!loggedIn) {
      // Log in first and come back here, the chosen slot still chosen.
      openPage(loginPageUrl({ redirect: here }))
      return
    }
    const actingNow = getActing()
    // The same confirmation keeps its Idempotency-Key on every retry; another slot or person gets a new one.
    const next = bookingKey(pending, chosen.slot.id, actingNow?.residentId ?? null, newIdempotencyKey)
    setPending(next)
    setBusy(true)
    setProblem(null)
    try {
      const appointment = await bookAppointment({ item_code: item.code, slot_id: chosen.slot.id, ...actingFor() }, next.key)
      // Stay busy: the page is being replaced by the appointment.
      Taro.redirectTo({ url: appointmentPageUrl({ id: appointment.id, booked: true }) }).catch(() => setBusy(false))
    } catch (e) {
      const found = bookingProblem(e, { acting: actingNow !== null })
      if (found.newKey) setPending(null)
      setProblem(found)
      setBusy(false)
      if (found.refreshSlots) pickSlotAgain()
    }
  }

  function onStep (step: NextStep) {
    switch (step) {
      case 'pick_slot':
        setProblem(null)
        pickSlotAgain()
        break
      case 'retry':
        confirm()
        break
      case 'real_name':
        openPage(realNamePageUrl({ next: here, need: problem?.requiredLevel }))
        break
      case 'appointment':
        openPage(appointmentPageUrl({ ref: problem?.reference }))
        break
      case 'appointments':
        openPage(APPOINTMENTS_PAGE)
        break
      case 'take_ticket':
        openPage(takeTicketPageUrl({ item: item.code, hall: hall.hallId }))
        break
      case 'reload':
        slots.availability.reload()
        break
    }
  }

  return (
    <View>
      <View className='pg-card' id='book-time' data-testid='book-time'>
        <Text className='pg-card__title'>选择时间</Text>
        <Async
          id='book-slots'
          load={slots.availability}
          isEmpty={() => slots.days.length === 0}
          emptyText='这个大厅近期没有可预约的时段。'
          emptyAction={(
            <Button className='pg-button pg-button--secondary' id='book-empty-take' onClick={() => openPage(takeTicketPageUrl({ item: item.code, hall: hall.hallId }))}>
              改为现场取号
            </Button>
          )}
        >
          {() => <SlotPicker id='book-picker' slots={slots} onPick={() => setProblem(null)} />}
        </Async>
      </View>

      <View className='pg-card' id='book-confirm-card' data-testid='book-confirm-card'>
        <Text className='pg-card__title'>确认预约</Text>
        {chosen ? (
          <View id='book-summary' data-testid='book-summary' data-slot-id={chosen.slot.id}>
            <InfoRow label='办理事项' value={item.name} />
            <InfoRow label='办理大厅' value={hall.hall} id='book-summary-hall' />
            <InfoRow label='预约时间' value={`${chosen.day.text} ${chosen.slot.time}`} id='book-summary-time' />
            <InfoRow label='预约人' value={acting ? `${acting.name}（代办）` : '本人'} id='book-summary-for' />
            <Text className='pg-secondary'>请按时到场，带齐办事指南中的材料。</Text>
          </View>
        ) : (
          <Text className='pg-text' id='book-pick-hint'>请在上方选择日期和时段。</Text>
        )}
        {problem ? <ProblemBox id='book-problem' problem={problem} onStep={onStep} /> : null}
        <Button
          className={`pg-button${chosen && !busy ? '' : ' pg-button--disabled'}`}
          id='book-confirm'
          data-testid='book-confirm'
          disabled={!chosen || busy || undefined}
          onClick={confirm}
        >
          {busy ? '正在预约…' : loggedIn ? '确认预约' : '登录后预约'}
        </Button>
      </View>

      <Rules id='book-rules' title='预约须知' rules={bookingRules(slots.availability.data)} />
    </View>
  )
}

function BookItem ({ item, hallParam }: { item: ItemGuide, hallParam: number | null }) {
  const halls = groupHandledAt(item.handled_at)
  const [hallId, setHallId] = useState<number | null>(
    halls.find((h) => h.hallId === hallParam)?.hallId ?? (halls.length === 1 ? halls[0].hallId : null),
  )
  const hall = halls.find((h) => h.hallId === hallId) ?? null

  if (!item.appointment || halls.length === 0) {
    return (
      <View className='pg-card' id='book-not-bookable' data-testid='book-not-bookable'>
        <Text className='pg-card__title'>{item.name}</Text>
        <Text className='pg-text'>这个事项不能网上预约。</Text>
        {halls.length ? (
          <Button className='pg-button' id='book-take' onClick={() => openPage(takeTicketPageUrl({ item: item.code }))}>改为现场取号</Button>
        ) : null}
        <Button className='pg-button pg-button--secondary' id='book-guide' onClick={() => openPage(itemPageUrl(item.code))}>查看办事指南</Button>
      </View>
    )
  }

  return (
    <View>
      <View className='pg-card' id='book-item' data-testid='book-item' data-code={item.code}>
        <Text className='book__item-name' id='book-item-name'>{item.name}</Text>
        {item.sub_item ? <Text className='pg-secondary'>{item.sub_item}</Text> : null}
        <Text className='pg-secondary'>{item.department}</Text>
      </View>

      <View className='pg-card' id='book-halls' data-testid='book-halls' data-count={halls.length}>
        <Text className='pg-card__title'>办理大厅</Text>
        {halls.length === 1 ? (
          <Text className='book__hall-only' id='book-hall-only'>{halls[0].hall}</Text>
        ) : (
          <View role='radiogroup' aria-label='选择办理大厅'>
            {halls.map((h) => {
              const chosen = h.hallId === hallId
              return (
                <View
                  key={h.hallId}
                  className={`book__hall${chosen ? ' book__hall--chosen' : ''}`}
                  id={`book-hall-${h.hallId}`}
                  data-testid='book-hall'
                  data-hall-id={h.hallId}
                  role='radio'
                  aria-checked={chosen}
                  aria-label={h.hall}
                  onClick={() => setHallId(h.hallId)}
                >
                  <Text className='book__hall-name'>{h.hall}</Text>
                  <Text className='book__hall-action'>{chosen ? '已选择' : '选择'}</Text>
                </View>
              )
            })}
          </View>
        )}
      </View>

      {hall ? <HallBooking key={hall.hallId} item={item} hall={hall} /> : (
        <Text className='pg-state' id='book-pick-hall'>请先选择办理大厅，再选时间。</Text>
      )}
    </View>
  )
}

function BookLoader ({ code, hallParam }: { code: string, hallParam: number | null }) {
  const guide = useLoad(() => getItem(code), [code])
  return (
    <Async id='book' load={guide}>
      {(item) => <BookItem item={item} hallParam={hallParam} />}
    </Async>
  )
}

export default function Book () {
  const { params } = useRouter()
  const code = readParam(params.item)
  const hallParam = readIdParam(params.hall)

  return (
    <Screen id='book'>
      <Text className='pg-title'>预约办事</Text>
      {code ? <BookLoader code={code} hallParam={hallParam} /> : (
        <View className='pg-error' id='book-no-item' data-testid='book-no-item' role='alert'>
          <Text>没有指定要预约的事项，请先找到要办的事。</Text>
          <Button className='pg-button pg-button--secondary pg-button--small pg-retry' id='book-search' onClick={() => openPage(ITEMS_PAGE)}>
            找要办的事
          </Button>
        </View>
      )}
    </Screen>
  )
}
