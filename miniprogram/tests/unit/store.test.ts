import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { resetTaro, storage } from './fakeTaro'
import { clearTokens, saveTokens } from '../../src/api/tokens'
import { ACTING_KEY, actingFor, getActing, startActing, stopActing } from '../../src/store/acting'
import { isElderly, onElderlyChange, rememberElderly } from '../../src/store/preferences'

beforeEach(() => resetTaro())

describe('acting for a relative (代办)', () => {
  it('adds acting_for to requests only while acting', () => {
    expect(actingFor()).toEqual({})
    startActing({ residentId: 42, name: '张*' })
    expect(getActing()).toEqual({ residentId: 42, name: '张*' })
    expect(actingFor()).toEqual({ acting_for: 42 })
    stopActing()
    expect(actingFor()).toEqual({})
  })

  it('ignores something unreadable in storage', () => {
    storage.set(ACTING_KEY, { residentId: 'x', name: 1 })
    expect(getActing()).toBeNull()
    storage.set(ACTING_KEY, '{not json')
    expect(getActing()).toBeNull()
  })

  it('ends with the session', () => {
    saveTokens({ access_token: 'a', refresh_token: 'r' })
    startActing({ residentId: 42, name: '张*' })
    clearTokens()
    expect(getActing()).toBeNull()
  })
})

describe('elderly mode on this device', () => {
  it('is off until turned on, and tells whoever listens', () => {
    const seen: boolean[] = []
    const stop = onElderlyChange((on) => seen.push(on))
    expect(isElderly()).toBe(false)
    rememberElderly(true)
    expect(isElderly()).toBe(true)
    stop()
    rememberElderly(false)
    expect(isElderly()).toBe(false)
    expect(seen).toEqual([true])
  })
})
