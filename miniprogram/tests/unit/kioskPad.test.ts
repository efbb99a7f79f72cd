import { describe, expect, it } from 'vitest'

import {
  canPressX, padDisplay, padHint, padKeyAria, padKeyLabel, padKeys, padReady, type PadKey, type PadMode, pressKey,
} from '../../src/utils/kioskPad'

function type (keys: PadKey[], mode: PadMode, start = ''): string {
  return keys.reduce((value, key) => pressKey(value, key, mode), start)
}

const digits = (text: string): PadKey[] => text.split('') as PadKey[]

describe('the number pad', () => {
  it('offers X only for ID numbers, three keys a row', () => {
    expect(padKeys('phone')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'del'])
    expect(padKeys('id')).toContain('X')
    expect(padKeys('phone')).not.toContain('X')
    expect(padKeyLabel('del')).toBe('删除')
    expect(padKeyAria('X')).toBe('字母X')
    expect(padKeyAria('7')).toBe('数字7')
  })

  it('types digits up to the length, deletes and clears', () => {
    expect(type(digits('138001380001234'), 'phone')).toBe('13800138000')
    expect(type(['1', '3', 'del'], 'phone')).toBe('1')
    expect(type(['1', '3', 'clear'], 'phone')).toBe('')
    expect(pressKey('', 'X', 'phone')).toBe('')
  })

  it('takes X only as the 18th character of an ID number', () => {
    expect(pressKey('1101', 'X', 'id')).toBe('1101')
    expect(canPressX('1101', 'id')).toBe(false)
    const seventeen = '11010519491231002'
    expect(canPressX(seventeen, 'id')).toBe(true)
    expect(pressKey(seventeen, 'X', 'id')).toBe('11010519491231002X')
    expect(pressKey('11010519491231002X', '1', 'id')).toBe('11010519491231002X')
  })

  it('is ready only for a valid phone or a checked ID number', () => {
    expect(padReady('13800138000', 'phone')).toBe(true)
    expect(padReady('1380013800', 'phone')).toBe(false)
    expect(padReady('12800138000', 'phone')).toBe(false)
    expect(padReady('11010519491231002X', 'id')).toBe(true)
    expect(padReady('110105194912310021', 'id')).toBe(false) // wrong check character
    expect(padHint('110105194912310021', 'id')).toContain('校验位')
    expect(padHint('138', 'phone')).toContain('11 位')
  })

  it('shows the value grouped as people read it', () => {
    expect(padDisplay('13800138000', 'phone')).toBe('138 0013 8000')
    expect(padDisplay('1380', 'phone')).toBe('138 0')
    expect(padDisplay('11010519491231002X', 'id')).toBe('110105 19491231 002X')
    expect(padDisplay('', 'id')).toBe('')
  })
})
