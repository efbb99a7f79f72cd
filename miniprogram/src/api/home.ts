/** What the home page shows a logged-in resident at the top: the ticket they hold, the next appointment. */
import { currentTicket } from '../utils/queueFormat'
import { api } from './client'
import { myTickets } from './queue'
import type { Schemas } from './types'

/** The ticket that matters now (a called one first, else the newest live one), or null. */
export async function myCurrentTicket (): Promise<Schemas['Ticket'] | null> {
  return currentTicket((await myTickets()).items)
}

/** The soonest appointment still booked (`GET /api/v1/appointments?active=true`), or null. */
export async function myNextAppointment (): Promise<Schemas['AppointmentSummary'] | null> {
  const list = await api.get<Schemas['AppointmentList']>('/api/v1/appointments', { data: { active: true } })
  const upcoming = [...list.items].sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  return upcoming[0] ?? null
}
