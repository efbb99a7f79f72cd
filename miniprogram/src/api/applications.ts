/**
 * Online applications (办件), docs/applications.md: drafts, answers, material uploads, submit,
 * 补正 resubmit, withdraw, and the progress a message's link or the 办件编号 opens without login.
 */
import { itemPath } from './catalogQuery'
import { api, apiRequest } from './client'
import type { Schemas } from './types'
import { uploadFile } from './upload'

export type Application = Schemas['Application']
export type ApplicationSummary = Schemas['ApplicationSummary']
export type ApplicationPage = Schemas['ApplicationPage']
export type ApplicationFile = Schemas['File']
export type Progress = Schemas['Progress']
/** The item's guide with its `application_form` and materials marked `upload`. */
export type ApplyItem = Schemas['Item']

const BASE = '/api/v1/applications'

function applicationPath (id: number, rest = ''): string {
  return `${BASE}/${encodeURIComponent(String(id))}${rest}`
}

/** `GET /api/v1/items/{code}` (public): what the form asks and which materials are uploaded. */
export function getApplyItem (code: string): Promise<ApplyItem> {
  return api.get<ApplyItem>(itemPath(code), { auth: false })
}

/**
 * `POST /api/v1/applications`: a draft (201). `form` may be incomplete; what it gives must be
 * valid. The same `idempotencyKey` on a retry gives the same draft.
 */
export function createApplication (body: Schemas['CreateApplication'], idempotencyKey: string): Promise<Application> {
  return api.post<Application>(BASE, body as Record<string, unknown>, { idempotencyKey })
}

export function getApplication (id: number): Promise<Application> {
  return api.get<Application>(applicationPath(id))
}

/** `GET /api/v1/applications?page=&page_size=`: one's own and relatives', newest first. */
export function listApplications (page = 1, pageSize = 50): Promise<ApplicationPage> {
  return api.get<ApplicationPage>(`${BASE}?page=${page}&page_size=${pageSize}`)
}

/** `PATCH`: the answers that changed; a null removes one. Only while a draft or in 补正. */
export function updateApplication (id: number, form: Record<string, unknown>): Promise<Application> {
  return apiRequest<Application>(applicationPath(id), { method: 'PATCH', data: { form } })
}

export function submitApplication (id: number): Promise<Application> {
  return api.post<Application>(applicationPath(id, '/submit'))
}

/** After 补正: checked complete again, back to 已接件. */
export function resubmitApplication (id: number): Promise<Application> {
  return api.post<Application>(applicationPath(id, '/resubmit'))
}

/** 撤回 a draft or an application not yet accepted. */
export function withdrawApplication (id: number): Promise<Application> {
  return api.post<Application>(applicationPath(id, '/withdraw'), {})
}

/** One file for a checklist line (multipart `material` + `file`): PDF, JPEG or PNG, at most 8 MiB. */
export function uploadMaterial (id: number, material: string, file: { path: string, name?: string }): Promise<ApplicationFile> {
  return uploadFile<ApplicationFile>(applicationPath(id, '/materials'), {
    filePath: file.path,
    name: 'file',
    formData: { material },
    fileName: file.name,
  })
}

export async function removeMaterialFile (id: number, fileId: number): Promise<void> {
  await api.del(applicationPath(id, `/materials/${encodeURIComponent(String(fileId))}`))
}

/** `GET /api/v1/progress/{token}` (no login): the page a message's link opens. */
export function getProgress (token: string): Promise<Progress> {
  return api.get<Progress>(`/api/v1/progress/${encodeURIComponent(token)}`, { auth: false })
}

/** `POST /api/v1/progress/lookup` (no login): by 办件编号 and the applicant's phone's last four digits. */
export function lookupProgress (number: string, phoneLast4: string): Promise<Progress> {
  return api.post<Progress>('/api/v1/progress/lookup', { number, phone_last4: phoneLast4 }, { auth: false })
}

/**
 * The logged-in resident's application with this 办件编号, or null: a message's link then shows
 * the full view with its actions. Never sends anyone to the login page.
 */
export async function findMine (number: string): Promise<Application | null> {
  const page = await api.get<ApplicationPage>(`${BASE}?page=1&page_size=100`, { redirectOnAuthLost: false })
  const found = page.items.find((a) => a.number === number)
  if (!found) return null
  return api.get<Application>(applicationPath(found.id), { redirectOnAuthLost: false })
}
