/**
 * The hall queue (取号, docs/queue.md): take a number, follow it, leave or rejoin the line; the
 * hall's public board for how many wait. Failures reject with ApiError.
 */
import { buildQuery, hallPath } from './catalogQuery'
import type { ItemSummary, Page } from './catalogTypes'
import { api } from './client'
import type { Schemas } from './types'

export type Ticket = Schemas['Ticket']
export type TicketList = Schemas['TicketList']
export type TakeTicketRequest = Schemas['PhoneTicketRequest']
export type Board = Schemas['Board']
export type BoardLine = Schemas['BoardLine']

/** The most items one hall's service list asks for (the API allows 100 a page). */
export const HALL_ITEMS_PAGE_SIZE = 100

export function ticketPath (id: number): string {
  return `/api/v1/tickets/${encodeURIComponent(String(id))}`
}

/**
 * `POST /api/v1/halls/{id}/tickets`: a number for the item at the hall (resident login). Pass the
 * same `idempotencyKey` on every retry of one tap. 422 HALL_CLOSED outside the hours; 409
 * ALREADY_QUEUED with `details.ticket_id` and `details.number` when one is held there already.
 */
export function takeTicket (hallId: number, request: TakeTicketRequest, idempotencyKey: string): Promise<Ticket> {
  return api.post<Ticket>(`${hallPath(hallId)}/tickets`, { ...request }, { idempotencyKey })
}

/** `GET /api/v1/tickets/{id}`: state, `ahead`, `wait`, and the window once called. */
export function getTicket (id: number): Promise<Ticket> {
  return api.get<Ticket>(ticketPath(id))
}

/** `GET /api/v1/tickets`: my tickets still in play today, newest first. */
export function myTickets (): Promise<TicketList> {
  return api.get<TicketList>('/api/v1/tickets')
}

/** `DELETE /api/v1/tickets/{id}`: leave the line (409 TICKET_NOT_WAITING once called). */
export function cancelTicket (id: number): Promise<Ticket> {
  return api.del<Ticket>(ticketPath(id))
}

/** `POST /api/v1/tickets/{id}/rejoin`: back in line after 过号, once, within 10 minutes (409 TICKET_STATE after). */
export function rejoinTicket (id: number): Promise<Ticket> {
  return api.post<Ticket>(`${ticketPath(id)}/rejoin`)
}

/** `GET /api/v1/halls/{id}/board` (public): who is called, and how many wait in each line. */
export function getBoard (hallId: number): Promise<Board> {
  return api.get<Board>(`${hallPath(hallId)}/board`, { auth: false })
}

/** `GET /api/v1/items?hall=` (public): the services handled at a hall, to take a number for one. */
export function hallItems (hallId: number): Promise<Page<ItemSummary>> {
  const path = '/api/v1/items' + buildQuery({ hall: hallId, page: 1, page_size: HALL_ITEMS_PAGE_SIZE })
  return api.get<Page<ItemSummary>>(path, { auth: false })
}
