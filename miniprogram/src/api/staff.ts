/**
 * The hall staff's calls (H5 hall screens): login (docs/staff.md), the window console (docs/queue.md:
 * windows, calling, the actions at the window, the console's views), the audited reveal of a resident,
 * an item's 一次性告知 checklist, and the application work list (docs/applications.md). Every call
 * goes through `staffApi` (staff tokens, refresh at /api/v1/staff/refresh); failures reject with ApiError.
 */
import { buildQuery } from './catalogQuery'
import { staffApi } from './client'
import { ApiError, apiErrorFromResponse } from './errors'
import { staffTokens } from './tokens'
import type { Schemas } from './types'
import { apiUrl } from './url'
import { dispositionFilename } from '../utils/staffConsole'

export type Staff = Schemas['Staff']
export type StaffLogin = Schemas['StaffLogin']
export type Grant = Schemas['Grant']
export type Ticket = Schemas['Ticket']
export type TicketAtWindow = Schemas['TicketAtWindow']
export type WindowToday = Schemas['WindowToday']
export type Checklist = Schemas['Checklist']
export type ChecklistMaterial = Schemas['ChecklistMaterial']
export type Reveal = Schemas['Reveal']
export type StaffApplication = Omit<Schemas['StaffApplication'], 'form'> & { form: Record<string, unknown> }
export type ApplicationSummary = Schemas['ApplicationSummary']
export type ApplicationPage = Schemas['ApplicationPage']
export type TransitionBody = Schemas['Transition']
export type Board = Schemas['Board']

/** A window's session of the day; `categories` are the letters of the lines it serves today. */
export type WindowSession = Omit<Schemas['WindowSession'], 'categories'> & { categories: string[] }

/** A window of the hall as its staff see it (`GET /api/v1/windows?hall_id=`). */
export interface WindowAtWork {
  id: number
  number: string
  /** The lines it is set up for. */
  categories: string[]
  session: WindowSession | null
  ticket: TicketAtWindow | null
}

/** The ticket the window works on (the call's view: holder masked) and the others at the window. */
export type AtWindow = Omit<Schemas['AtWindow'], 'ticket'> & { ticket: Ticket | null }
/** A call-next answer: `ticket` is null when nobody waits. */
export type Called = Omit<Schemas['Called'], 'ticket'> & { ticket: Ticket | null }

export type TicketStep = 'start' | 'recall' | 'skip' | 'hold' | 'resume'
export type Outcome = 'done' | 'referred' | 'incomplete'
export type RevealField = 'phone' | 'name' | 'id_number'

// --- Login ---------------------------------------------------------------------------------------

/**
 * `POST /api/v1/staff/sessions`: username and password, plus the authenticator code once the answer was
 * 401 TOTP_REQUIRED. The tokens are kept (staffTokens); 429 ACCOUNT_LOCKED carries Retry-After.
 */
export async function staffLogin (username: string, password: string, totp?: string): Promise<StaffLogin> {
  const body: Record<string, string> = { username, password }
  if (totp) body.totp = totp
  const login = await staffApi.post<StaffLogin>('/api/v1/staff/sessions', body, { auth: false })
  staffTokens.save(login)
  return login
}

/** `GET /api/v1/staff/me`: the account and the roles it holds now. */
export function staffMe (): Promise<Staff> {
  return staffApi.get<Staff>('/api/v1/staff/me', { redirectOnAuthLost: false })
}

/** `DELETE /api/v1/staff/sessions/current`; the tokens are dropped whatever the answer. */
export async function staffLogout (): Promise<void> {
  try {
    if (staffTokens.get()) await staffApi.del('/api/v1/staff/sessions/current', { redirectOnAuthLost: false })
  } finally {
    staffTokens.clear()
  }
}

// --- Windows -------------------------------------------------------------------------------------

export function windowPath (windowId: number): string {
  return `/api/v1/windows/${encodeURIComponent(String(windowId))}`
}

export function atWindowPath (windowId: number, ticketId: number, step: string): string {
  return `${windowPath(windowId)}/tickets/${encodeURIComponent(String(ticketId))}/${step}`
}

/** `GET /api/v1/windows?hall_id=`: the hall's windows with today's session and the ticket at each. */
export async function hallWindows (hallId: number): Promise<WindowAtWork[]> {
  const body = await staffApi.get<{ items: WindowAtWork[] }>('/api/v1/windows' + buildQuery({ hall_id: hallId }))
  return body.items
}

/** `POST …/open {categories?}`: open for today (or change the lines an open window serves). */
export function openWindow (windowId: number, categories?: string[]): Promise<WindowSession> {
  return staffApi.post<WindowSession>(`${windowPath(windowId)}/open`, categories ? { categories } : {})
}

/** `POST …/pause {reason}`: no calls until resumed; the reason (5-200 characters) is for supervisors. */
export function pauseWindow (windowId: number, reason: string): Promise<WindowSession> {
  return staffApi.post<WindowSession>(`${windowPath(windowId)}/pause`, { reason })
}

export function resumeWindow (windowId: number): Promise<WindowSession> {
  return staffApi.post<WindowSession>(`${windowPath(windowId)}/resume`)
}

export function closeWindow (windowId: number): Promise<WindowSession> {
  return staffApi.post<WindowSession>(`${windowPath(windowId)}/close`)
}

/** `POST …/call-next`: the best waiting ticket, or `ticket: null`; 409 WINDOW_PAUSED while paused. */
export function callNext (windowId: number): Promise<Called> {
  return staffApi.post<Called>(`${windowPath(windowId)}/call-next`)
}

/** `GET …/current`: the ticket the window works on now and the others at it (a held one). */
export function atWindow (windowId: number): Promise<AtWindow> {
  return staffApi.get<AtWindow>(`${windowPath(windowId)}/current`)
}

/** `GET …/today`: served, average service time, 过号… of the window's today. */
export function windowToday (windowId: number): Promise<WindowToday> {
  return staffApi.get<WindowToday>(`${windowPath(windowId)}/today`)
}

/** start, recall, skip (过号), hold (挂起), resume: 409 TICKET_STATE when the ticket's state does not allow it. */
export function ticketStep (windowId: number, ticketId: number, step: TicketStep): Promise<Ticket> {
  return staffApi.post<Ticket>(atWindowPath(windowId, ticketId, step))
}

/** 转窗: to another line (`{category}`) or one other window (`{window}`, its number). */
export function transferTicket (
  windowId: number, ticketId: number, target: { category: string } | { window: string },
): Promise<Ticket> {
  return staffApi.post<Ticket>(atWindowPath(windowId, ticketId, 'transfer'), { ...target })
}

/** 办结 with its outcome; `applicationId` links the visit to the holder's application (404 for anyone else's). */
export function completeTicket (
  windowId: number, ticketId: number, outcome: Outcome, applicationId?: number,
): Promise<Ticket> {
  const body: Record<string, unknown> = { outcome }
  if (applicationId !== undefined) body.application_id = applicationId
  return staffApi.post<Ticket>(atWindowPath(windowId, ticketId, 'complete'), body)
}

/** `GET /api/v1/halls/{id}/board` (public): how many wait in each line. */
export function hallBoard (hallId: number): Promise<Board> {
  return staffApi.get<Board>(`/api/v1/halls/${encodeURIComponent(String(hallId))}/board`, { auth: false })
}

/** `GET /api/v1/items/{code}/checklist` (public): the 一次性告知 materials of an item. */
export function itemChecklist (code: string): Promise<Checklist> {
  return staffApi.get<Checklist>(`/api/v1/items/${encodeURIComponent(code)}/checklist`, { auth: false })
}

/** `POST /api/v1/staff/residents/{id}/reveal`: the plain values, audited with the reason (5-200 characters). */
export function revealResident (residentId: number, reason: string, fields: RevealField[]): Promise<Reveal> {
  return staffApi.post<Reveal>(`/api/v1/staff/residents/${encodeURIComponent(String(residentId))}/reveal`, { reason, fields })
}

// --- Applications (办件) -----------------------------------------------------------------------------

export interface ApplicationQuery {
  status?: string
  /** A date (YYYY-MM-DD): open cases whose promised deadline is before it. */
  due_before?: string
  page?: number
  page_size?: number
}

export function staffApplicationPath (id: number): string {
  return `/api/v1/staff/applications/${encodeURIComponent(String(id))}`
}

/** `GET /api/v1/staff/applications`: soonest promised deadline first, then those not yet accepted. */
export function staffApplications (query: ApplicationQuery = {}): Promise<ApplicationPage> {
  return staffApi.get<ApplicationPage>('/api/v1/staff/applications' + buildQuery({ ...query }))
}

/** `GET /api/v1/staff/applications/{id}`: applicant masked, files, timeline and `allowed_actions`. */
export function staffApplication (id: number): Promise<StaffApplication> {
  return staffApi.get<StaffApplication>(staffApplicationPath(id))
}

/** `POST /api/v1/applications/{id}/transitions`: 409 INVALID_TRANSITION with `details.allowed` when it does not fit. */
export function applicationTransition (id: number, body: TransitionBody): Promise<StaffApplication> {
  return staffApi.post<StaffApplication>(`/api/v1/applications/${encodeURIComponent(String(id))}/transitions`, { ...body })
}

/** `POST /api/v1/staff/applications/{id}/reveal {reason}`: the answers unmasked, audited. */
export function revealApplicationForm (id: number, reason: string): Promise<{ form: Record<string, unknown> }> {
  return staffApi.post<{ form: Record<string, unknown> }>(`${staffApplicationPath(id)}/reveal`, { reason })
}

export function applicationFilePath (applicationId: number, fileId: number): string {
  return `${staffApplicationPath(applicationId)}/materials/${encodeURIComponent(String(fileId))}`
}

// --- Downloads that need the staff bearer (H5) -------------------------------------------------------

async function fetchWithBearer (path: string, access: string): Promise<Response> {
  return fetch(apiUrl(path), { headers: { Authorization: `Bearer ${access}`, 'Accept-Language': 'zh' } })
}

async function errorOfResponse (response: Response): Promise<ApiError> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => { headers[name] = value })
  return apiErrorFromResponse(response.status, await response.text().catch(() => ''), headers)
}

/**
 * Saves a file the API serves only to logged-in staff (an application's material, the statistics CSV): a link
 * cannot carry the bearer, so it is fetched and saved from a blob. An expired access token is refreshed once.
 */
export async function downloadWithStaffAuth (path: string, fallbackName: string): Promise<void> {
  if (process.env.TARO_ENV !== 'h5') {
    throw new ApiError({ status: 0, code: 'UNSUPPORTED', message: '请在电脑浏览器中下载' })
  }
  const tokens = staffTokens.get()
  if (!tokens) throw new ApiError({ status: 401, code: 'AUTH_REQUIRED', message: '请先登录' })
  let response = await fetchWithBearer(path, tokens.access_token)
  if (response.status === 401) {
    const error = await errorOfResponse(response)
    if (error.code !== 'AUTH_TOKEN_EXPIRED') throw error
    response = await fetchWithBearer(path, (await staffApi.refresh()).access_token)
  }
  if (!response.ok) throw await errorOfResponse(response)
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = dispositionFilename(response.headers.get('Content-Disposition')) ?? fallbackName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000)
}
