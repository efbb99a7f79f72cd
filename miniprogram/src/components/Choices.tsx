import { Text, View } from '@tarojs/components'

import './choices.css'

export interface Choice<T extends string> {
  value: T
  label: string
}

interface ChoicesProps<T extends string> {
  /** `<id>-label` on the label; each option is `<id>-<value>` with `data-testid=<id>`. */
  id: string
  label: string
  options: readonly Choice<T>[]
  value: T | null
  onChange: (value: T) => void
  disabled?: boolean
}

/** One choice among a few, as big buttons in a row (a radio group for screen readers). */
export default function Choices<T extends string> ({ id, label, options, value, onChange, disabled }: ChoicesProps<T>) {
  return (
    <View className='pg-field'>
      <Text className='pg-label' id={`${id}-label`}>{label}</Text>
      <View className='choices' id={id} role='radiogroup' aria-labelledby={`${id}-label`} data-value={value ?? ''}>
        {options.map((option) => {
          const on = option.value === value
          return (
            <View
              key={option.value}
              className={`choices__option${on ? ' choices__option--on' : ''}${disabled ? ' choices__option--disabled' : ''}`}
              id={`${id}-${option.value}`}
              data-testid={id}
              data-value={option.value}
              role='radio'
              aria-checked={on ? 'true' : 'false'}
              aria-disabled={disabled ? 'true' : undefined}
              onClick={() => {
                if (!disabled && !on) onChange(option.value)
              }}
            >
              {option.label}
            </View>
          )
        })}
      </View>
    </View>
  )
}
