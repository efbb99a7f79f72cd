import { Button, Text, View } from '@tarojs/components'

import { canPressX, padDisplay, padHint, padKeyAria, padKeyLabel, padKeys, type PadMode, pressKey, padTitle } from '../utils/kioskPad'

import './NumericPad.css'

interface NumericPadProps {
  /** Prefix of the ids: `<id>-display`, `<id>-key-5`, `<id>-key-X`, `<id>-key-del`, `<id>-key-clear`. */
  id: string
  mode: PadMode
  value: string
  onChange: (value: string) => void
}

/**
 * A big on-screen number pad for touch screens without a keyboard: phone numbers, and ID numbers with
 * their final X. The value shows grouped above the keys, with what is still missing or wrong below it.
 */
export default function NumericPad ({ id, mode, value, onChange }: NumericPadProps) {
  const hint = padHint(value, mode)
  return (
    <View className='pg-pad' id={id} data-testid={id} data-mode={mode}>
      <Text className='pg-pad__title'>{padTitle(mode)}</Text>
      <View
        className={`pg-pad__display${value ? '' : ' pg-pad__display--empty'}`}
        id={`${id}-display`}
        data-testid={`${id}-display`}
        data-value={value}
        aria-live='polite'
        aria-label={`${padTitle(mode)}，已输入 ${value.length} 位`}
      >
        {value ? padDisplay(value, mode) : (mode === 'id' ? '18 位身份证号码' : '11 位手机号')}
      </View>
      <View className='pg-pad__hint' id={`${id}-hint`} data-testid={`${id}-hint`} role='status'>{hint || ' '}</View>
      <View className='pg-pad__keys'>
        {padKeys(mode).map((key) => {
          const disabled = key === 'X' && !canPressX(value, mode)
          const action = key === 'del' || key === 'clear'
          return (
            <Button
              key={key}
              className={`pg-pad__key${action ? ' pg-pad__key--action' : ''}${disabled ? ' pg-pad__key--disabled' : ''}`}
              id={`${id}-key-${key}`}
              data-testid={`${id}-key-${key}`}
              aria-label={padKeyAria(key)}
              disabled={disabled || undefined}
              onClick={() => {
                if (!disabled) onChange(pressKey(value, key, mode))
              }}
            >
              {padKeyLabel(key)}
            </Button>
          )
        })}
      </View>
    </View>
  )
}
