import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'

import { IdNumberInput, PhoneInput } from '../../../components/IdentityInputs'
import {
  type AddressValue, type FieldValue, type FormField, resolveBound,
} from '../../../utils/applicationForm'
import { fieldProps } from '../../../utils/fieldProps'

/** More options than this show as a picker; fewer as big buttons. */
const MAX_OPTION_BUTTONS = 6

interface FieldInputProps {
  field: FormField
  value: FieldValue
  /** What is wrong, shown under the field ('' for nothing). */
  problem: string
  /** The saved phone or ID number is masked: shown as such until the resident types a new one. */
  masked: boolean
  today: string
  disabled: boolean
  onChange: (value: FieldValue) => void
  /** The resident left the field: its problem shows from now on. */
  onTouch: () => void
  onUnmask: () => void
}

function inputId (field: FormField): string {
  return `apply-input-${field.name}`
}

function Options ({ field, value, disabled, onChange }: Pick<FieldInputProps, 'field' | 'value' | 'disabled' | 'onChange'>) {
  const chosen = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []
  const toggle = (option: string) => {
    if (!field.multiple) return onChange(option)
    onChange(chosen.includes(option) ? chosen.filter((v) => v !== option) : [...chosen, option])
  }
  return (
    <View className='apply-options' role={field.multiple ? 'group' : 'radiogroup'} aria-label={field.label}>
      {field.options.map((option, index) => {
        const on = chosen.includes(option.value)
        return (
          <View
            key={option.value}
            className={`apply-option${field.multiple ? '' : ' apply-option--radio'}${on ? ' apply-option--on' : ''}`}
            id={`apply-option-${field.name}-${index}`}
            data-testid={`apply-option-${field.name}-${index}`}
            data-value={option.value}
            role={field.multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            aria-disabled={disabled}
            onClick={() => !disabled && toggle(option.value)}
          >
            <Text className='apply-option__mark'>{on ? (field.multiple ? '✓' : '●') : ''}</Text>
            <Text className='apply-option__label'>{option.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

function SelectPicker ({ field, value, disabled, onChange }: Pick<FieldInputProps, 'field' | 'value' | 'disabled' | 'onChange'>) {
  const index = field.options.findIndex((o) => o.value === value)
  return (
    <Picker
      mode='selector'
      range={field.options.map((o) => o.label)}
      value={index < 0 ? 0 : index}
      disabled={disabled}
      onChange={(e) => onChange(field.options[Number(e.detail.value)]?.value ?? '')}
    >
      <View className='pg-input apply-picker' id={inputId(field)} data-testid={inputId(field)} role='button' aria-label={`${field.label}，${index < 0 ? '未选择' : field.options[index].label}`}>
        <Text className={index < 0 ? 'apply-picker__placeholder' : ''}>{index < 0 ? '请选择' : field.options[index].label}</Text>
        <Text className='apply-picker__arrow'>›</Text>
      </View>
    </Picker>
  )
}

function DatePicker ({ field, value, today, disabled, onChange }: Pick<FieldInputProps, 'field' | 'value' | 'today' | 'disabled' | 'onChange'>) {
  const day = typeof value === 'string' ? value : ''
  const start = resolveBound(field.notBefore, today) ?? '1900-01-01'
  const end = resolveBound(field.notAfter, today) ?? '2100-12-31'
  return (
    <View className='pg-row'>
      <Picker mode='date' value={day || (today >= start && today <= end ? today : start)} start={start} end={end} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='pg-input apply-picker' id={inputId(field)} data-testid={inputId(field)} role='button' aria-label={`${field.label}，${day || '未选择'}`}>
          <Text className={day ? '' : 'apply-picker__placeholder'}>{day || '请选择日期'}</Text>
          <Text className='apply-picker__arrow'>›</Text>
        </View>
      </Picker>
      {day && !field.required && !disabled ? (
        <Button className='pg-button pg-button--secondary pg-button--small apply-clear' aria-label={`清除${field.label}`} onClick={() => onChange('')}>
          清除
        </Button>
      ) : null}
    </View>
  )
}

function Checkbox ({ field, value, disabled, onChange }: Pick<FieldInputProps, 'field' | 'value' | 'disabled' | 'onChange'>) {
  const on = value === true
  return (
    <View
      className={`apply-check${on ? ' apply-check--on' : ''}`}
      id={`apply-check-${field.name}`}
      data-testid={`apply-check-${field.name}`}
      role='checkbox'
      aria-checked={on}
      aria-disabled={disabled}
      onClick={() => !disabled && onChange(!on)}
    >
      <Text className='apply-check__box'>{on ? '✓' : ''}</Text>
      <Text className='apply-check__label'>{field.label}{field.required ? '（必须勾选）' : ''}</Text>
    </View>
  )
}

function Masked ({ field, value, disabled, onUnmask }: Pick<FieldInputProps, 'field' | 'value' | 'disabled' | 'onUnmask'>) {
  return (
    <View className='pg-row apply-masked'>
      <Text className='apply-masked__value' id={inputId(field)} data-testid={inputId(field)}>已填写 {String(value)}</Text>
      {!disabled ? (
        <Button className='pg-button pg-button--secondary pg-button--small' id={`apply-unmask-${field.name}`} aria-label={`重新填写${field.label}`} onClick={onUnmask}>
          重新填写
        </Button>
      ) : null}
    </View>
  )
}

function TextLike ({ field, value, disabled, onChange, onTouch }: Pick<FieldInputProps, 'field' | 'value' | 'disabled' | 'onChange' | 'onTouch'>) {
  const text = typeof value === 'string' ? value : ''
  const id = inputId(field)
  if (field.type === 'text' && field.multiline) {
    return (
      <Textarea
        {...fieldProps(id, field.label)}
        className='pg-input pg-textarea apply-textarea'
        value={text}
        maxlength={field.maxLength}
        autoHeight
        disabled={disabled}
        placeholder='请输入'
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onTouch}
      />
    )
  }
  if (field.type === 'phone') {
    return <PhoneInput id={id} label={field.label} value={text} disabled={disabled} onChange={onChange} onBlur={onTouch} />
  }
  if (field.type === 'id_number') {
    return <IdNumberInput id={id} label={field.label} value={text} disabled={disabled} onChange={onChange} onBlur={onTouch} />
  }
  if (field.type === 'number') {
    const negative = field.min === null || field.min < 0
    return (
      <Input
        {...fieldProps(id, field.label, { type: 'text', inputmode: field.integer ? 'numeric' : 'decimal' })}
        className='pg-input'
        type={negative ? 'text' : field.integer ? 'number' : 'digit'}
        maxlength={20}
        placeholder={field.min !== null && field.max !== null ? `${field.min}–${field.max}` : '请输入数字'}
        value={text}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onTouch}
      />
    )
  }
  return (
    <Input
      {...fieldProps(id, field.label)}
      className='pg-input'
      type='text'
      maxlength={field.maxLength}
      placeholder='请输入'
      value={text}
      disabled={disabled}
      onInput={(e) => onChange(e.detail.value)}
      onBlur={onTouch}
    />
  )
}

function Address ({ field, value, disabled, onChange, onTouch }: Pick<FieldInputProps, 'field' | 'value' | 'disabled' | 'onChange' | 'onTouch'>) {
  const address: AddressValue = typeof value === 'object' && !Array.isArray(value) ? value : { region: '', detail: '' }
  return (
    <Textarea
      {...fieldProps(inputId(field), `${field.label}（详细地址）`)}
      className='pg-input pg-textarea apply-textarea'
      value={address.detail}
      maxlength={200}
      autoHeight
      disabled={disabled}
      placeholder='区县、街道、门牌号'
      onInput={(e) => onChange({ region: address.region, detail: e.detail.value.replace(/\n/g, '') })}
      onBlur={onTouch}
    />
  )
}

/** One field of the form: its label (必填 marked), help, the input its type needs, and its problem. */
export default function FieldInput (props: FieldInputProps) {
  const { field, problem } = props
  let control
  if (props.masked) control = <Masked {...props} />
  else if (field.type === 'checkbox') control = <Checkbox {...props} />
  else if (field.type === 'select') {
    control = field.multiple || field.options.length <= MAX_OPTION_BUTTONS ? <Options {...props} /> : <SelectPicker {...props} />
  } else if (field.type === 'date') control = <DatePicker {...props} />
  else if (field.type === 'address') control = <Address {...props} />
  else control = <TextLike {...props} />

  return (
    <View
      className={`pg-field apply-field${problem ? ' apply-field--problem' : ''}`}
      id={`apply-field-${field.name}`}
      data-testid={`apply-field-${field.name}`}
      data-type={field.type}
      data-problem={problem}
    >
      {field.type !== 'checkbox' ? (
        <Text className='pg-label'>
          {field.label}
          {field.required ? <Text className='apply-required'>（必填）</Text> : <Text className='apply-optional'>（选填）</Text>}
          {field.type === 'select' && field.multiple ? <Text className='apply-optional'>可多选</Text> : null}
        </Text>
      ) : null}
      {field.help ? <Text className='apply-help'>{field.help}</Text> : null}
      {control}
      {problem ? (
        <View className='apply-problem' id={`apply-problem-${field.name}`} data-testid={`apply-problem-${field.name}`} role='alert'>
          {problem}
        </View>
      ) : null}
    </View>
  )
}
