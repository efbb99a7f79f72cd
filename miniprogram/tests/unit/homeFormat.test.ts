import { describe, expect, it } from 'vitest'

import type { Schemas } from '../../src/api/types'
import { appointmentLine, ELDERLY_SHORTCUTS, shortcutsFor } from '../../src/utils/homeFormat'

describe('home shortcuts', () => {
  it('elderly mode shows fewer, the most used first', () => {
    const all = shortcutsFor(false)
    const few = shortcutsFor(true)
    expect(few).toHaveLength(ELDERLY_SHORTCUTS)
    expect(few.length).toBeLessThan(all.length)
    expect(few).toEqual(all.slice(0, ELDERLY_SHORTCUTS))
  })
})

describe('appointmentLine', () => {
  it('gives the time, the service and the hall', () => {
    const line = appointmentLine({
      id: 1, reference: 'Y7K3M9Q2', status: 'booked', item: { code: 'x', name: '社会保障卡补换' },
      hall: { id: 1, name: '云溪区政务服务中心', address: '' }, category: 'A', slot_id: 1,
      starts_at: '2026-12-07T09:30:00+08:00', ends_at: '2026-12-07T10:00:00+08:00',
      change_until: '2026-12-07T07:30:00+08:00',
    } as Schemas['AppointmentSummary'])
    expect(line).toContain('社会保障卡补换')
    expect(line).toContain('云溪区政务服务中心')
    expect(line).toMatch(/2026-12-07 \d\d:30/)
  })
})
