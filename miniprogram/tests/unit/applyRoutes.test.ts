import { describe, expect, it } from 'vitest'

import { applicationPageUrl, applyPageUrl, complaintPageUrl, ratingPageUrl } from '../../src/utils/applyRoutes'
import { APPLICATION_PAGE, APPLY_PAGE, COMPLAINT_PAGE, RATING_PAGE, readIdParam, readParam } from '../../src/utils/routes'

describe('apply routes', () => {
  it('opens the form for an item or an existing application', () => {
    expect(applyPageUrl({ item: '330106-GG-JY-001' })).toBe(`${APPLY_PAGE}?item=330106-GG-JY-001`)
    expect(applyPageUrl({ id: 12 })).toBe(`${APPLY_PAGE}?id=12`)
  })

  it('opens progress by id or by the link token, the token kept intact', () => {
    expect(applicationPageUrl({ id: 7 })).toBe(`${APPLICATION_PAGE}?id=7`)
    const token = 'eyJhIjoxfQ.sig+/='
    const url = applicationPageUrl({ t: token })
    expect(url).toBe(`${APPLICATION_PAGE}?t=${encodeURIComponent(token)}`)
    expect(readParam(url.split('t=')[1])).toBe(token)
  })

  it('opens the rating page for each kind of subject, matching what the backend links say', () => {
    expect(ratingPageUrl({ ticket: 3 })).toBe(`${RATING_PAGE}?ticket=3`)
    expect(ratingPageUrl({ application: 4 })).toBe(`${RATING_PAGE}?application=4`)
    expect(ratingPageUrl({ work_order: 5 })).toBe(`${RATING_PAGE}?work_order=5`)
    expect(readIdParam(ratingPageUrl({ work_order: 5 }).split('=')[1])).toBe(5)
  })

  it('opens a complaint, or a new one about something', () => {
    expect(complaintPageUrl()).toBe(COMPLAINT_PAGE)
    expect(complaintPageUrl({ id: 2 })).toBe(`${COMPLAINT_PAGE}?id=2`)
    expect(complaintPageUrl({ application: 8 })).toBe(`${COMPLAINT_PAGE}?application=8`)
    expect(complaintPageUrl({ department: '330106-JY' })).toBe(`${COMPLAINT_PAGE}?department=330106-JY`)
  })
})
