import { describe, expect, it, vi } from 'vitest'

import { checkInCode, createWedgeReader } from '../../src/utils/kioskScan'

describe('the check-in code in what was scanned', () => {
  it('takes the token itself, or the token= of an address', () => {
    expect(checkInCode('  1B.6VAIAJDIEAJD2BTP\n')).toBe('1B.6VAIAJDIEAJD2BTP')
    expect(checkInCode('https://gov.example/api/v1/appointments/check-in-qr?token=1B.6VAIAJDIEAJD2BTP&format=png'))
      .toBe('1B.6VAIAJDIEAJD2BTP')
  })

  it('refuses what cannot be a token', () => {
    expect(checkInCode('')).toBeNull()
    expect(checkInCode('6901234567892')).toBeNull() // a shop barcode
    expect(checkInCode('http://x/#/pages/ticket/index?t=abc')).toBeNull()
    expect(checkInCode(`1B.${'A'.repeat(40)}`)).toBeNull()
    expect(checkInCode('x?token=%E0%A4%A')).toBeNull()
  })
})

describe('a keyboard-wedge scanner', () => {
  function typeAll (reader: ReturnType<typeof createWedgeReader>, text: string, start: number, gap: number): number {
    let at = start
    for (const key of text) {
      reader.push(key, at)
      at += gap
    }
    reader.push('Enter', at)
    return at
  }

  it('hands over the characters typed fast, when Enter comes', () => {
    const onCode = vi.fn()
    const reader = createWedgeReader(onCode)
    typeAll(reader, '1B.6VAIAJDIEAJD2BTP', 1000, 8)
    expect(onCode).toHaveBeenCalledWith('1B.6VAIAJDIEAJD2BTP')
  })

  it('ignores modifier keys and starts again after a pause', () => {
    const onCode = vi.fn()
    const reader = createWedgeReader(onCode, 100)
    expect(reader.push('Shift', 0)).toBe(false)
    reader.push('z', 0)
    reader.push('z', 50)
    typeAll(reader, 'AB.CD', 1000, 10) // the stray "zz" was a second earlier
    expect(onCode).toHaveBeenCalledWith('AB.CD')
  })

  it('does nothing on a lone Enter, a short burst, or an Enter long after the last key', () => {
    const onCode = vi.fn()
    const reader = createWedgeReader(onCode, 100)
    expect(reader.push('Enter', 0)).toBe(false)
    typeAll(reader, 'AB', 10, 5)
    reader.push('A', 500)
    reader.push('B', 505)
    reader.push('C', 510)
    reader.push('D', 515)
    reader.push('Enter', 2000)
    expect(onCode).not.toHaveBeenCalled()
  })
})
