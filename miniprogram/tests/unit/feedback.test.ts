import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tarojs/taro', async () => ({ default: (await import('./fakeTaro')).taro }))

import { answer, calls, resetTaro, taro } from './fakeTaro'
import { setAuthLostHandler } from '../../src/api/client'
import {
  createComplaint, findMyRating, getComplaint, listComplaints, listDepartments, rate, rateComplaint, revisit,
  workOrderOf, type MyEvaluation,
} from '../../src/api/feedback'
import { saveTokens } from '../../src/api/tokens'

function rating (id: number, extra: Partial<MyEvaluation> = {}): MyEvaluation {
  return { id, ticket_id: null, application_id: null, level: 4, work_order: null, ...extra } as MyEvaluation
}

beforeEach(() => {
  resetTaro([{ route: 'pages/rating/index' }])
  setAuthLostHandler(null)
  saveTokens({ access_token: 'a', refresh_token: 'r' })
})

describe('ratings', () => {
  it('posts a rating and a 回访', async () => {
    taro.request.mockResolvedValue(answer(201, {}))
    await rate({ level: 2, ticket_id: 3, tags: ['等候时间长'] })
    await revisit(7, 3)
    expect(calls().map((c) => [c.method, c.url, c.data])).toEqual([
      ['POST', '/api/v1/evaluations', { level: 2, ticket_id: 3, tags: ['等候时间长'] }],
      ['POST', '/api/v1/work-orders/7/revisit', { level: 3 }],
    ])
  })

  it('looks through the pages of the resident’s ratings until one matches', async () => {
    taro.request
      .mockResolvedValueOnce(answer(200, { items: [rating(1)], total: 150, page: 1, page_size: 100 }))
      .mockResolvedValueOnce(answer(200, { items: [rating(2, { ticket_id: 3 })], total: 150, page: 2, page_size: 100 }))
    expect((await findMyRating((r) => r.ticket_id === 3))?.id).toBe(2)
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/evaluations?page=1&page_size=100', '/api/v1/evaluations?page=2&page_size=100'])
  })

  it('stops at the last page when nothing matches', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { items: [rating(1)], total: 1, page: 1, page_size: 100 }))
    expect(await findMyRating((r) => r.ticket_id === 3)).toBeNull()
    expect(calls()).toHaveLength(1)
  })

  it('reads the work order a 差评 opened', () => {
    const order = { id: 8, status: 'replied' as const, due_on: '2026-12-11', reply: '已整改', replied_at: null, revisit_level: null }
    expect(workOrderOf(rating(1, { work_order: order }))).toEqual(order)
    expect(workOrderOf(rating(1))).toBeNull()
    expect(workOrderOf(rating(1, { work_order: {} }))).toBeNull()
  })
})

describe('complaints', () => {
  it('creates, lists, reads and rates complaints', async () => {
    taro.request.mockResolvedValue(answer(200, { items: [], total: 0 }))
    await createComplaint({ category: 'attitude', text: '态度差', department_code: 'D1' })
    await listComplaints()
    await getComplaint(4)
    await rateComplaint(4, 1)
    expect(calls().map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/v1/complaints',
      'GET /api/v1/complaints?page=1&page_size=100',
      'GET /api/v1/complaints/4',
      'POST /api/v1/complaints/4/rating',
    ])
    expect(calls()[3].data).toEqual({ level: 1 })
  })

  it('lists the departments without login', async () => {
    taro.request.mockResolvedValueOnce(answer(200, { items: [{ code: 'D1', name: '教育局', region: null }], total: 1 }))
    expect(await listDepartments()).toEqual([{ code: 'D1', name: '教育局', region: null }])
    expect(calls()[0].header.Authorization).toBeUndefined()
  })
})
