/**
 * The hall kiosk (自助取号机, docs/queue.md): walk-in tickets and appointment check-ins with the
 * kiosk's device token, and a printed ticket followed on a phone by its token (no login).
 * Failures reject with ApiError.
 */
import { api } from './client'
import { deviceRequest } from './device'
import type { Schemas } from './types'

export type KioskTicket = Schemas['KioskTicket']
export type KioskTicketRequest = Schemas['KioskTicketRequest']
export type Ticket = Schemas['Ticket']

/**
 * `POST /api/v1/kiosk/tickets`: a walk-in ticket at the kiosk's hall, for an item or a line letter,
 * by phone, ID number or neither; `green` for 绿色通道. Send the same `idempotencyKey` (and body) on a
 * retry of one tap. The answer's `follow_url` is the page its QR code opens.
 */
export function takeKioskTicket (token: string, request: KioskTicketRequest, idempotencyKey: string): Promise<KioskTicket> {
  return deviceRequest<KioskTicket>(token, '/api/v1/kiosk/tickets', {
    method: 'POST',
    data: { ...request },
    idempotencyKey,
  })
}

/** `POST /api/v1/check-ins {token}`: a scanned appointment code, checked in; its ticket (again on a second scan). */
export function checkIn (token: string, code: string): Promise<KioskTicket> {
  return deviceRequest<KioskTicket>(token, '/api/v1/check-ins', { method: 'POST', data: { token: code } })
}

export function followPath (pageToken: string): string {
  return `/api/v1/tickets/by-token/${encodeURIComponent(pageToken)}`
}

/** `GET /api/v1/tickets/by-token/{token}` (no login): a printed ticket followed from its QR code. 410 LINK_EXPIRED after its day. */
export function followTicket (pageToken: string): Promise<Ticket> {
  return api.get<Ticket>(followPath(pageToken), { auth: false })
}
