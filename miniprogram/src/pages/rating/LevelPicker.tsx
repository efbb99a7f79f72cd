import { Text, View } from '@tarojs/components'

import type { Level } from '../../utils/ratingFormat'

import './levels.css'

interface LevelPickerProps {
  /** Prefix of the buttons' ids: `<id>-<level>`. */
  id: string
  label: string
  levels: readonly Level[]
  value: number | null
  disabled?: boolean
  onChange: (level: number) => void
}

/** The levels as big buttons, one a line, best first; the chosen one filled. Bad levels (1-2 of 5, 1 of 3) in red. */
export default function LevelPicker ({ id, label, levels, value, disabled, onChange }: LevelPickerProps) {
  const lowest = Math.min(...levels.map((l) => l.level))
  const badFrom = levels.length === 5 ? 2 : lowest
  return (
    <View className='levels' id={id} data-testid={id} role='radiogroup' aria-label={label}>
      {levels.map((l) => {
        const on = value === l.level
        const bad = l.level <= badFrom
        return (
          <View
            key={l.level}
            className={`levels__item${bad ? ' levels__item--bad' : ''}${on ? ' levels__item--on' : ''}`}
            id={`${id}-${l.level}`}
            data-testid={`${id}-${l.level}`}
            role='radio'
            aria-checked={on}
            aria-disabled={disabled}
            onClick={() => !disabled && onChange(l.level)}
          >
            <Text className='levels__mark'>{on ? '✓' : ''}</Text>
            <Text className='levels__text'>{l.text}</Text>
          </View>
        )
      })}
    </View>
  )
}
