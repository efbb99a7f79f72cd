/** Page URLs of the queue (取号) pages with their parameters. Pure: no @tarojs import. */
import { buildQuery } from '../api/catalogQuery'
import { RATING_PAGE, TAKE_TICKET_PAGE, TICKET_PAGE } from './routes'

/** 我的排队号: a ticket by id (what messages and the take page open). */
export function ticketPageUrl (id: number): string {
  return TICKET_PAGE + buildQuery({ id })
}

/** 取号: for an item (its halls to choose from), at a hall (its services to choose from), or both. */
export function takeTicketPageUrl (options: { item?: string | null, hall?: number | null } = {}): string {
  return TAKE_TICKET_PAGE + buildQuery({ item: options.item, hall: options.hall })
}

/** 评价服务 for a visit, after the ticket is done. */
export function rateTicketUrl (ticketId: number): string {
  return RATING_PAGE + buildQuery({ ticket: ticketId })
}
