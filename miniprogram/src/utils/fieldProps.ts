/**
 * id / data-testid / aria-label for a Taro <Input>, put where a browser test and a screen
 * reader can use them.
 *
 * On H5, Taro's <Input> is a <taro-input-core> element wrapping a native <input>: the ids go on
 * the native input (through `nativeProps`), so `page.fill('#login-phone', …)` works and
 * `getByTestId('login-phone')` finds exactly one element. In the mini-programs the id goes
 * on the component itself. `h5Extra` adds native attributes (inputmode, autocomplete…) on H5 only.
 */

export interface FieldProps {
  id?: string
  ariaLabel?: string
  nativeProps?: Record<string, unknown>
}

export function fieldProps (id: string, label: string, h5Extra: Record<string, unknown> = {}): FieldProps {
  if (process.env.TARO_ENV === 'h5') {
    return { nativeProps: { ...h5Extra, id, 'data-testid': id, 'aria-label': label } }
  }
  return { id, ariaLabel: label }
}
