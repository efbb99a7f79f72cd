/**
 * 好差评 and complaints, docs/supervision.md: rating a visit or an application, the 回访 of a
 * 差评's work order, complaints and the rating of their answer.
 */
import { api } from './client'
import type { Schemas } from './types'

export type Evaluation = Schemas['Evaluation']
export type MyEvaluation = Schemas['MyEvaluation']
export type WorkOrderBrief = Schemas['WorkOrderBrief']
export type Complaint = Schemas['Complaint']
export type ComplaintPage = Schemas['ComplaintPage']
export type Department = Schemas['Department']

/** The API's page size limit: one request holds a resident's ratings or complaints in nearly every case. */
const PAGE_SIZE = 100
/** Pages looked through for one rating before giving up (1,000 ratings). */
const MAX_PAGES = 10

/** `POST /api/v1/evaluations`: level 1-5, tags and comment; `ticket_id` or `application_id`. */
export function rate (body: Record<string, unknown>): Promise<Evaluation> {
  return api.post<Evaluation>('/api/v1/evaluations', body)
}

/** The first of the resident's ratings (newest first) that `match` accepts, or null. */
export async function findMyRating (match: (rating: MyEvaluation) => boolean): Promise<MyEvaluation | null> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const list = await api.get<Schemas['EvaluationPage']>(`/api/v1/evaluations?page=${page}&page_size=${PAGE_SIZE}`)
    const found = list.items.find(match)
    if (found) return found
    if (page * PAGE_SIZE >= list.total) return null
  }
  return null
}

/** The work order a resident's 差评 opened, found through their ratings (there is no resident view of one). */
export function workOrderOf (rating: MyEvaluation): WorkOrderBrief | null {
  const order = rating.work_order as WorkOrderBrief | null
  return order && typeof order.id === 'number' ? order : null
}

/** `POST /api/v1/work-orders/{id}/revisit`: 3 满意, 2 基本满意, 1 不满意; closes the work order. */
export function revisit (workOrderId: number, level: number): Promise<WorkOrderBrief> {
  return api.post<WorkOrderBrief>(`/api/v1/work-orders/${encodeURIComponent(String(workOrderId))}/revisit`, { level })
}

export function createComplaint (body: Record<string, unknown>): Promise<Complaint> {
  return api.post<Complaint>('/api/v1/complaints', body)
}

export function listComplaints (page = 1): Promise<ComplaintPage> {
  return api.get<ComplaintPage>(`/api/v1/complaints?page=${page}&page_size=${PAGE_SIZE}`)
}

export function getComplaint (id: number): Promise<Complaint> {
  return api.get<Complaint>(`/api/v1/complaints/${encodeURIComponent(String(id))}`)
}

/** Rates the answer (3 满意, 2 基本满意, 1 不满意), which closes the complaint. */
export function rateComplaint (id: number, level: number): Promise<Complaint> {
  return api.post<Complaint>(`/api/v1/complaints/${encodeURIComponent(String(id))}/rating`, { level })
}

/** `GET /api/v1/departments` (public): who a complaint can be about. */
export async function listDepartments (): Promise<Department[]> {
  const list = await api.get<Schemas['DepartmentList']>('/api/v1/departments', { auth: false })
  return list.items
}
