import { describe, expect, it } from 'vitest'

import {
  digitsOnly, idCheckChar, idNumberHint, isValidPhone, isValidSmsCode, nameHint, normalizeCodeInput,
  normalizeIdNumberInput, normalizePhoneInput, phoneHint, toHalfWidth,
} from '../../src/utils/validators'

describe('phone', () => {
  it('accepts mainland mobile numbers only', () => {
    expect(isValidPhone('13800138000')).toBe(true)
    expect(isValidPhone('19912345678')).toBe(true)
    expect(isValidPhone('12800138000')).toBe(false) // 12x is not a mobile prefix
    expect(isValidPhone('23800138000')).toBe(false)
    expect(isValidPhone('1380013800')).toBe(false) // 10 digits
    expect(isValidPhone('138001380000')).toBe(false) // 12 digits
    expect(isValidPhone('１３８００１３８０００')).toBe(false) // full-width is not sent as is
    expect(isValidPhone('13800138000\n')).toBe(false)
  })

  it('keeps digits of what is typed or pasted, 11 at most', () => {
    expect(normalizePhoneInput('138 0013 8000')).toBe('13800138000')
    expect(normalizePhoneInput('138-0013-8000')).toBe('13800138000')
    expect(normalizePhoneInput('１３８００１３８０００')).toBe('13800138000')
    expect(normalizePhoneInput('1380013800099')).toBe('13800138000')
    expect(normalizePhoneInput('abc')).toBe('')
  })

  it('drops a pasted country code', () => {
    expect(normalizePhoneInput('+86 138 0013 8000')).toBe('13800138000')
    expect(normalizePhoneInput('+8613800138000')).toBe('13800138000')
    expect(normalizePhoneInput('008613800138000')).toBe('13800138000')
    expect(normalizePhoneInput('8613800138000')).toBe('13800138000')
  })

  it('hints while typing, and says nothing for an empty or valid number', () => {
    expect(phoneHint('')).toBe('')
    expect(phoneHint('138')).toBe('请输入 11 位手机号')
    expect(phoneHint('12800138000')).toBe('手机号格式不正确，请检查')
    expect(phoneHint('13800138000')).toBe('')
  })
})

describe('SMS code', () => {
  it('is exactly 6 ASCII digits', () => {
    expect(isValidSmsCode('012345')).toBe(true)
    expect(isValidSmsCode('12345')).toBe(false)
    expect(isValidSmsCode('1234567')).toBe(false)
    expect(isValidSmsCode('12345a')).toBe(false)
    expect(isValidSmsCode('１２３４５６')).toBe(false)
  })

  it('keeps 6 digits of the input, full-width turned into ASCII', () => {
    expect(normalizeCodeInput('12 34 56 78')).toBe('123456')
    expect(normalizeCodeInput('１２３４５６')).toBe('123456')
    expect(normalizeCodeInput('验证码 012345')).toBe('012345')
  })

  it('digitsOnly and toHalfWidth', () => {
    expect(toHalfWidth('Ａｂ１')).toBe('Ab1')
    expect(digitsOnly('a1b2c3', 2)).toBe('12')
  })
})

describe('ID number', () => {
  it('computes the GB 11643 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('11010119900307451')).toBe('4') // 110101199003074514 from the API's docs
  })

  it('normalizes input: digits, an upper-case X only in 18th place', () => {
    expect(normalizeIdNumberInput('11010519491231002x')).toBe('11010519491231002X')
    expect(normalizeIdNumberInput('110105 1949 1231 002X')).toBe('11010519491231002X')
    expect(normalizeIdNumberInput('X1101051949')).toBe('1101051949')
    expect(normalizeIdNumberInput('110105194912310021234')).toBe('110105194912310021')
    expect(normalizeIdNumberInput('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
  })

  it('hints at length, birth date and check character', () => {
    const today = new Date(2026, 0, 1)
    expect(idNumberHint('', today)).toBe('')
    expect(idNumberHint('1101051949', today)).toBe('请输入 18 位身份证号码')
    expect(idNumberHint('01010519491231002X', today)).toBe('身份证号码格式不正确')
    expect(idNumberHint('110105194902300020', today)).toBe('身份证号码中的出生日期不正确') // 30 February
    expect(idNumberHint('110105189912310020', today)).toBe('身份证号码中的出生日期不正确') // before 1900
    expect(idNumberHint('110105203001010020', today)).toBe('身份证号码中的出生日期不正确') // in the future
    expect(idNumberHint('110105194912310021', today)).toBe('身份证号码校验位不正确，请核对')
    expect(idNumberHint('11010519491231002X', today)).toBe('')
  })
})

describe('name', () => {
  it('accepts Chinese, Latin and dotted names of 2–30 characters', () => {
    expect(nameHint('')).toBe('')
    expect(nameHint('张三')).toBe('')
    expect(nameHint(' 张三 ')).toBe('') // trimmed before sending
    expect(nameHint('阿依古丽·买买提')).toBe('')
    expect(nameHint('John Smith')).toBe('')
  })

  it('hints at length and characters', () => {
    expect(nameHint('张')).toBe('姓名应为 2–30 个字')
    expect(nameHint('张'.repeat(31))).toBe('姓名应为 2–30 个字')
    expect(nameHint('张3')).toBe('姓名只能包含汉字、字母、空格和间隔号“·”')
    expect(nameHint('·张三')).toBe('姓名只能包含汉字、字母、空格和间隔号“·”')
    expect(nameHint('张\u200b三')).toBe('姓名只能包含汉字、字母、空格和间隔号“·”')
  })
})
