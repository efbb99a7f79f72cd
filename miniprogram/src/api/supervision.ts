/**
 * The supervisor dashboard's calls (docs/supervision.md): the statistics overview (JSON and CSV), the
 * 电子监察 alerts and the 差评 work orders with their steps. Staff tokens (`staffApi`); failures reject
 * with ApiError.
 */
import { buildQuery } from './catalogQuery'
import { staffApi } from './client'
import { downloadWithStaffAuth } from './staff'
import type { Schemas } from './types'

export type Overview = Schemas['Overview']
export type StatsRow = Schemas['StatsRow']
export type AlertSummary = Schemas['AlertSummary']
export type Alert = Schemas['Alert']
export type AlertPage = Schemas['AlertPage']
export type WorkOrderSummary = Schemas['WorkOrderSummary']
export type WorkOrder = Schemas['WorkOrder']
export type WorkOrderPage = Schemas['WorkOrderPage']

export type Grouping = 'department' | 'hall' | 'window' | 'item' | 'day'

export interface OverviewQuery {
  by: Grouping
  /** Hall dates (YYYY-MM-DD), both included; empty for the API's default (the 30 days up to today). */
  from?: string
  to?: string
}

export function overviewQueryString (query: OverviewQuery): string {
  return buildQuery({ by: query.by, from: query.from || undefined, to: query.to || undefined })
}

/** `GET /api/v1/stats/overview?by=&from=&to=`: one row per department, hall, window, item or day. */
export function statsOverview (query: OverviewQuery): Promise<Overview> {
  return staffApi.get<Overview>('/api/v1/stats/overview' + overviewQueryString(query))
}

/** The same rows as a CSV file (UTF-8 with BOM for Excel), saved through a blob: the link needs the bearer. */
export function downloadStatsCsv (query: OverviewQuery): Promise<void> {
  return downloadWithStaffAuth('/api/v1/stats/overview.csv' + overviewQueryString(query), `统计-${query.by}.csv`)
}

// --- 电子监察 alerts -----------------------------------------------------------------------------------

export interface AlertQuery {
  level?: string
  state?: string
  page?: number
  page_size?: number
}

export function alertPath (id: number): string {
  return `/api/v1/supervision/alerts/${encodeURIComponent(String(id))}`
}

/** `GET /api/v1/supervision/alerts`: the alerts in your scope, red first, then the newest. */
export function listAlerts (query: AlertQuery = {}): Promise<AlertPage> {
  return staffApi.get<AlertPage>('/api/v1/supervision/alerts' + buildQuery({ ...query }))
}

/** One alert with its events and `allowed` (the actions that fit now). */
export function getAlert (id: number): Promise<Alert> {
  return staffApi.get<Alert>(alertPath(id))
}

export type AlertAction = 'acknowledge' | 'resolve' | 'appeal' | 'decide'

/**
 * acknowledge {note?} (签收), resolve {note} (办结), appeal {reason} (申诉, dept_admin), decide {upheld, note}
 * (复核, supervisor). 409 ALERT_STATE with `details.allowed` when the status moved on.
 */
export function alertAction (id: number, action: AlertAction, body: Record<string, unknown>): Promise<Alert> {
  return staffApi.post<Alert>(`${alertPath(id)}/${action}`, body)
}

// --- 差评 work orders ----------------------------------------------------------------------------------

export interface WorkOrderQuery {
  status?: string
  page?: number
  page_size?: number
}

export function workOrderPath (id: number): string {
  return `/api/v1/work-orders/${encodeURIComponent(String(id))}`
}

/** `GET /api/v1/work-orders`: your scope's, soonest due first. */
export function listWorkOrders (query: WorkOrderQuery = {}): Promise<WorkOrderPage> {
  return staffApi.get<WorkOrderPage>('/api/v1/work-orders' + buildQuery({ ...query }))
}

/** One work order: the rating, each step, and `allowed` (the staff steps that fit now). */
export function getWorkOrder (id: number): Promise<WorkOrder> {
  return staffApi.get<WorkOrder>(workOrderPath(id))
}

export type WorkOrderStep = 'verify' | 'rectify' | 'explain' | 'reply' | 'appeal' | 'decide'

/** verify/rectify/explain/reply {text}, appeal {reason}, decide {upheld, note}; 409 WORK_ORDER_STATE when it does not fit. */
export function workOrderStep (id: number, step: WorkOrderStep, body: Record<string, unknown>): Promise<WorkOrder> {
  return staffApi.post<WorkOrder>(`${workOrderPath(id)}/${step}`, body)
}
