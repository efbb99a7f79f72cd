/**
 * Appointments (预约): availability, booking, my appointments, cancel, reschedule and "I'm here"
 * (docs/appointments.md, docs/queue.md). Failures reject with ApiError.
 */
import { api } from './client'
import { ApiError } from './errors'
import { buildQuery, linkUrl } from './catalogQuery'
import type { Schemas } from './types'
import { API_BASE } from './url'

export type Availability = Schemas['Availability']
export type DayAvailability = Schemas['DayAvailability']
export type SlotAvailability = Schemas['SlotAvailability']
export type BookRequest = Schemas['BookRequest']
export type ChecklistMaterial = Schemas['ChecklistMaterial']
/** What "I'm here" answers: the appointment's queue ticket. */
export type Ticket = Schemas['Ticket']

/** An appointment's check-in code while it is booked (the OpenAPI spec leaves it untyped). */
export interface CheckInCode {
  /** What the kiosk scans (at most 24 characters). */
  token: string
  /** The QR code of the token (PNG), a path on the API. */
  qr_url: string
  /** Hall time with its offset. */
  valid_from: string
  valid_until: string
}

/** The fields the spec leaves `unknown` (marshmallow Function fields), typed as the API sends them. */
type Untyped = 'booked_by_proxy' | 'check_in'

/** One line of `GET /api/v1/appointments`. */
export type AppointmentSummary = Omit<Schemas['AppointmentSummary'], Untyped> & {
  /** True when someone else booked it for the resident it is for. */
  booked_by_proxy: boolean
  check_in: CheckInCode | null
}

/** `GET /api/v1/appointments/{id}`: the summary plus the materials checklist (一次性告知). */
export type Appointment = Omit<Schemas['Appointment'], Untyped | 'required_materials' | 'conditional_materials' | 'checklist_url'> & {
  booked_by_proxy: boolean
  check_in: CheckInCode | null
  required_materials: ChecklistMaterial[]
  conditional_materials: ChecklistMaterial[]
  /** The printable checklist, a path on the API. */
  checklist_url: string
}

export interface AppointmentList {
  items: AppointmentSummary[]
  total: number
}

/** Hall dates (`YYYY-MM-DD`); left out, the API uses the hall's today and the release horizon. */
export interface DateRange {
  from?: string
  to?: string
}

export function availabilityPath (hallId: number, item: string, range: DateRange = {}): string {
  return `/api/v1/halls/${encodeURIComponent(String(hallId))}/availability` +
    buildQuery({ item, from: range.from, to: range.to })
}

export function appointmentPath (id: number, action?: 'cancel' | 'reschedule' | 'check-in'): string {
  return `/api/v1/appointments/${encodeURIComponent(String(id))}${action ? `/${action}` : ''}`
}

/** `GET /api/v1/halls/{id}/availability` (public): the item's slots at the hall, day by day. */
export function getAvailability (hallId: number, item: string, range: DateRange = {}): Promise<Availability> {
  return api.get<Availability>(availabilityPath(hallId, item, range), { auth: false })
}

/**
 * `POST /api/v1/appointments`. `idempotencyKey` comes from the tap on 确认预约 and is sent again
 * unchanged on every retry of that confirmation, so a lost answer never books twice.
 */
export function bookAppointment (request: BookRequest, idempotencyKey: string): Promise<Appointment> {
  return api.post<Appointment>('/api/v1/appointments', { ...request }, { idempotencyKey })
}

/** `GET /api/v1/appointments[?active=true]`: mine and those I made for relatives, latest slot first. */
export function listAppointments (activeOnly = false): Promise<AppointmentList> {
  return api.get<AppointmentList>('/api/v1/appointments' + buildQuery({ active: activeOnly ? 'true' : undefined }))
}

export function getAppointment (id: number): Promise<Appointment> {
  return api.get<Appointment>(appointmentPath(id))
}

/**
 * The appointment with this reference (what messages link to: `?ref=Y7K3M9Q2`), or null. The API has
 * no lookup by reference, so it is found in my list (at most 100, latest first).
 */
export async function findAppointment (reference: string): Promise<AppointmentSummary | null> {
  const wanted = reference.trim().toUpperCase()
  const list = await listAppointments()
  return list.items.find((a) => a.reference.toUpperCase() === wanted) ?? null
}

/**
 * The appointment a page was opened for: by id, else by reference. A reference not in my list is
 * `404 NOT_FOUND` with a message saying where to look.
 */
export async function loadAppointment (target: { id: number | null, ref: string | null }): Promise<Appointment> {
  if (target.id !== null) return getAppointment(target.id)
  const found = target.ref ? await findAppointment(target.ref) : null
  if (!found) {
    throw new ApiError({
      status: 404,
      code: 'NOT_FOUND',
      message: target.ref ? `没有找到预约号为 ${target.ref} 的预约，请在“我的预约”中查看。` : '没有指定预约，请在“我的预约”中查看。',
    })
  }
  return getAppointment(found.id)
}

/** `POST /api/v1/appointments/{id}/cancel`: the appointment, now `cancelled`. */
export function cancelAppointment (id: number): Promise<Appointment> {
  return api.post<Appointment>(appointmentPath(id, 'cancel'))
}

/** `POST /api/v1/appointments/{id}/reschedule`: the same appointment in its new slot (a retry is harmless). */
export function rescheduleAppointment (id: number, slotId: number): Promise<Appointment> {
  const body: Schemas['RescheduleRequest'] = { slot_id: slotId }
  return api.post<Appointment>(appointmentPath(id, 'reschedule'), { ...body })
}

/** "我已到达": `POST /api/v1/appointments/{id}/check-in` checks the appointment in and answers its ticket. */
export function arrive (id: number): Promise<Ticket> {
  return api.post<Ticket>(appointmentPath(id, 'check-in'))
}

/** The address of the check-in QR code image (PNG), for an <Image>. */
export function checkInQrUrl (code: Pick<CheckInCode, 'qr_url'>): string {
  return linkUrl(API_BASE, code.qr_url)
}
