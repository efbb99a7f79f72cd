import { Input } from '@tarojs/components'

import { fieldProps } from '../utils/fieldProps'
import { ID_NUMBER_LENGTH, normalizeIdNumberInput, normalizePhoneInput, PHONE_LENGTH } from '../utils/validators'

interface IdentityInputProps {
  /** id and data-testid of the input (see fieldProps). */
  id: string
  /** What screen readers say. */
  label: string
  value: string
  /** Gets the value already cleaned: digits only (and X for an ID number), cut to length. */
  onChange: (value: string) => void
  disabled?: boolean
  onBlur?: () => void
}

/** A mobile number: the numeric keyboard, 11 digits at most. `autocomplete='off'` for someone else's number. */
export function PhoneInput (
  { id, label, value, onChange, disabled, onBlur, autocomplete = 'tel-national' }: IdentityInputProps & { autocomplete?: string },
) {
  return (
    <Input
      {...fieldProps(id, label, { type: 'tel', inputmode: 'numeric', autocomplete })}
      className='pg-input'
      type='number'
      maxlength={PHONE_LENGTH}
      placeholder={`请输入 ${PHONE_LENGTH} 位手机号`}
      value={value}
      disabled={disabled}
      onInput={(e) => onChange(normalizePhoneInput(e.detail.value))}
      onBlur={onBlur}
    />
  )
}

/** A resident ID number (身份证号): the ID keyboard, 18 characters at most. */
export function IdNumberInput ({ id, label, value, onChange, disabled, onBlur }: IdentityInputProps) {
  return (
    <Input
      {...fieldProps(id, label, { type: 'text', autocomplete: 'off' })}
      className='pg-input'
      type='idcard'
      maxlength={ID_NUMBER_LENGTH}
      placeholder={`${ID_NUMBER_LENGTH} 位身份证号码`}
      value={value}
      disabled={disabled}
      onInput={(e) => onChange(normalizeIdNumberInput(e.detail.value))}
      onBlur={onBlur}
    />
  )
}
