/**
 * Pieces the booking page (subpackage) and the appointment page (main package) share: the day and slot
 * picker and its state, a failed action with its next steps, the rules and the label-value rows. They
 * live in the main package, which a subpackage may import from (the other way round is not allowed in
 * the mini-programs).
 */
import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import { type Availability, getAvailability } from '../../api/booking'
import { type DayChoice, dayChoices, firstOpenDay } from '../../utils/bookingFormat'
import { type BookingProblem, type NextStep, stepLabel } from '../../utils/bookingErrors'
import { type Load, useLoad } from '../../utils/useLoad'

import './parts.css'

/** Opens a page on top of this one (back returns here). */
export function openPage (url: string): void {
  Taro.navigateTo({ url }).catch(() => undefined)
}

export interface Slots {
  availability: Load<Availability>
  days: DayChoice[]
  /** The day shown: the one picked, else the first with places. */
  day: string | null
  slotId: number | null
  pickDay: (date: string) => void
  pickSlot: (slotId: number) => void
  /** Forgets the picked slot and asks again which are free (after one was taken meanwhile). */
  again: () => void
}

/** The bookable days of an item at a hall, and the day and slot the resident picked among them. */
export function useSlots (hallId: number, itemCode: string): Slots {
  const availability = useLoad(() => getAvailability(hallId, itemCode), [hallId, itemCode])
  const [day, setDay] = useState<string | null>(null)
  const [slotId, setSlotId] = useState<number | null>(null)
  const data = availability.data
  const days = data ? dayChoices(data.days, data.from) : []
  return {
    availability,
    days,
    day: day ?? firstOpenDay(days),
    slotId,
    pickDay: (date) => {
      setDay(date)
      setSlotId(null)
    },
    pickSlot: setSlotId,
    again: () => {
      setSlotId(null)
      availability.reload()
    },
  }
}

interface SlotPickerProps {
  /** Prefix of the ids: `<id>-day-<date>`, `<id>-slot-<slot id>`. */
  id: string
  slots: Slots
  /** After the resident picked a slot. */
  onPick?: () => void
  /** The slot the appointment is in now (改约): shown, but not offered. */
  currentSlotId?: number
}

/** 选择日期 then 选择时段: big tiles, places left on each, full and closed ones greyed and not tappable. */
export function SlotPicker ({ id, slots, onPick, currentSlotId }: SlotPickerProps) {
  const { days, day, slotId } = slots
  const shown = days.find((d) => d.date === day) ?? null
  return (
    <View className='slots' id={id} data-testid={id}>
      <Text className='pg-label'>选择日期</Text>
      <View className='slots__days' id={`${id}-days`} data-testid={`${id}-days`} role='radiogroup' aria-label='选择日期'>
        {days.map((d) => {
          const chosen = d.date === day
          return (
            <View
              key={d.date}
              className={`slots__day slots__day--${d.state}${chosen ? ' slots__day--chosen' : ''}`}
              id={`${id}-day-${d.date}`}
              data-testid='slot-day'
              data-date={d.date}
              data-state={d.state}
              role='radio'
              aria-checked={chosen}
              aria-label={`${d.text}，${d.words}`}
              onClick={() => slots.pickDay(d.date)}
            >
              <Text className='slots__day-label'>{d.label}</Text>
              <Text className='slots__day-date'>{d.monthDay}</Text>
              <Text className='slots__day-words'>{d.words}</Text>
            </View>
          )
        })}
      </View>

      {shown ? (
        <View>
          <Text className='pg-label slots__heading' id={`${id}-day-text`}>选择时段（{shown.text}）</Text>
          {shown.state === 'not_released' ? (
            <Text className='pg-hint' id={`${id}-not-released`}>这一天还没有放号，{shown.words}，请到时再来。</Text>
          ) : null}
          <View className='slots__grid' id={`${id}-slots`} data-testid={`${id}-slots`} role='radiogroup' aria-label='选择时段'>
            {shown.slots.map((s) => {
              const current = s.id === currentSlotId
              const disabled = s.disabled || current
              const chosen = s.id === slotId
              const words = current ? '当前预约' : s.words
              const classes = [
                'slots__slot',
                disabled ? 'slots__slot--disabled' : '',
                chosen ? 'slots__slot--chosen' : '',
                s.scarce ? 'slots__slot--scarce' : '',
              ].filter(Boolean).join(' ')
              return (
                <View
                  key={s.id}
                  className={classes}
                  id={`${id}-slot-${s.id}`}
                  data-testid='slot'
                  data-slot-id={s.id}
                  data-state={current ? 'current' : s.state}
                  role='radio'
                  aria-checked={chosen}
                  aria-disabled={disabled}
                  aria-label={`${s.time}，${words}`}
                  onClick={() => {
                    if (disabled) return
                    slots.pickSlot(s.id)
                    onPick?.()
                  }}
                >
                  <Text className='slots__slot-time'>{s.time}</Text>
                  <Text className='slots__slot-words'>{words}</Text>
                </View>
              )
            })}
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** A failed action: the message, and a button for each way forward. */
export function ProblemBox ({ id, problem, onStep }: { id: string, problem: BookingProblem, onStep: (step: NextStep) => void }) {
  return (
    <View className='pg-error' id={id} data-testid={id} data-code={problem.code} role='alert'>
      <Text>{problem.text}</Text>
      {problem.steps.map((step) => (
        <Button
          key={step}
          className='pg-button pg-button--secondary pg-button--small problem__step'
          id={`${id}-${step.replace('_', '-')}`}
          data-testid={`${id}-step`}
          data-step={step}
          onClick={() => onStep(step)}
        >
          {stepLabel(step, problem.reference)}
        </Button>
      ))}
    </View>
  )
}

/** `时间 …`, `大厅 …`: a label left, its value right (one under the other in elderly mode). */
export function InfoRow ({ label, value, id }: { label: string, value: string, id?: string }) {
  return (
    <View className='info-row'>
      <Text className='info-row__label'>{label}</Text>
      <Text className='info-row__value' id={id} data-testid={id}>{value}</Text>
    </View>
  )
}

/** 预约须知: numbered rules in plain words. */
export function Rules ({ id, title, rules }: { id: string, title: string, rules: string[] }) {
  return (
    <View className='pg-card rules' id={id} data-testid={id}>
      <Text className='pg-card__title'>{title}</Text>
      {rules.map((rule, i) => (
        <Text key={i} className='rules__line' data-testid='rule'>{i + 1}. {rule}</Text>
      ))}
    </View>
  )
}
