/**
 * The resident's account beyond login: consents, face verification, 家人代办 (proxies),
 * notification settings and preferences. See docs/identity.md and docs/notifications.md.
 */
import { api, apiRequest } from './client'
import type { Schemas } from './types'

export type ConsentText = Schemas['ConsentText']
export type Consent = Schemas['Consent']
export type ConsentList = Schemas['ConsentList']
export type FacePurpose = Schemas['FaceStartRequest']['purpose']
export type FaceStarted = Schemas['FaceStarted']
export type FaceCompleted = Schemas['FaceCompleted']
export type SandboxFaceResult = Schemas['FaceResult']['result']
export type ProxyGrant = Schemas['ProxyGrant']
export type ProxyGrantList = Schemas['ProxyGrantList']
export type ProxyRelation = Schemas['ProxyInvite']['relation']
export type NotificationSettings = Schemas['NotificationSettings']
export type NotificationSettingsUpdate = Schemas['NotificationSettingsUpdate']
export type Preferences = Schemas['Preferences']
export type DataExport = Schemas['Export']
export type AccountDeleted = Schemas['Deleted']

// --- consents -------------------------------------------------------------------------------

/** `GET /api/v1/consents/face`: the face consent text and its version (public). */
export function getFaceConsentText (): Promise<ConsentText> {
  return api.get<ConsentText>('/api/v1/consents/face', { auth: false })
}

export function listConsents (): Promise<ConsentList> {
  return api.get<ConsentList>('/api/v1/me/consents')
}

/** `POST /api/v1/me/consents {kind: "face", version}`: agree to that version of the text. */
export function grantFaceConsent (version: string): Promise<Consent> {
  return api.post<Consent>('/api/v1/me/consents', { kind: 'face', version })
}

/** `DELETE /api/v1/me/consents/face`: face checks are refused from then on (a hall window checks the ID instead). */
export async function withdrawFaceConsent (): Promise<void> {
  await api.del('/api/v1/me/consents/face')
}

// --- face verification ----------------------------------------------------------------------

/** `POST /api/v1/face-verifications {purpose}`: needs L2 and the consent (409 CONSENT_REQUIRED otherwise). */
export function startFaceVerification (purpose: FacePurpose): Promise<FaceStarted> {
  return api.post<FaceStarted>('/api/v1/face-verifications', { purpose })
}

/** `POST /api/v1/face-verifications/{id}/complete`: the server asks the provider. A pass carries `face_ticket` once. */
export function completeFaceVerification (id: string): Promise<FaceCompleted> {
  return api.post<FaceCompleted>(`/api/v1/face-verifications/${encodeURIComponent(id)}/complete`)
}

/**
 * `POST /api/v1/_sandbox/face/{ref} {result}`: plays the resident's side of a sandbox face check.
 * Only there when the server runs sandbox providers (404 otherwise, or for an unknown session).
 */
export async function finishSandboxFace (ref: string, result: SandboxFaceResult): Promise<void> {
  await api.post(`/api/v1/_sandbox/face/${encodeURIComponent(ref)}`, { result }, { auth: false })
}

// --- 家人代办 --------------------------------------------------------------------------------

/** `GET /api/v1/proxies`: grants I hold or gave, and invitations waiting for my phone, newest first. */
export function listProxies (): Promise<ProxyGrantList> {
  return api.get<ProxyGrantList>('/api/v1/proxies')
}

/** `POST /api/v1/proxies {grantor_phone, relation}`: ask a relative to let me act for them (needs L2). */
export function inviteProxy (grantorPhone: string, relation: ProxyRelation): Promise<ProxyGrant> {
  return api.post<ProxyGrant>('/api/v1/proxies', { grantor_phone: grantorPhone, relation })
}

/** Accept an invitation with the `face_ticket` of a passed `proxy_accept` face check. */
export function acceptProxy (id: number, faceTicket: string): Promise<ProxyGrant> {
  return api.post<ProxyGrant>(`/api/v1/proxies/${id}/accept`, { face_ticket: faceTicket })
}

export function declineProxy (id: number): Promise<ProxyGrant> {
  return api.post<ProxyGrant>(`/api/v1/proxies/${id}/decline`)
}

/** Ends a grant from either side, or withdraws an invitation I sent. */
export function revokeProxy (id: number): Promise<ProxyGrant> {
  return api.post<ProxyGrant>(`/api/v1/proxies/${id}/revoke`)
}

// --- settings ---------------------------------------------------------------------------------

export function getNotificationSettings (): Promise<NotificationSettings> {
  return api.get<NotificationSettings>('/api/v1/me/notification-settings')
}

/** `PUT /api/v1/me/notification-settings`: the fields given change, the others stay. */
export function updateNotificationSettings (change: NotificationSettingsUpdate): Promise<NotificationSettings> {
  return apiRequest<NotificationSettings>('/api/v1/me/notification-settings', { method: 'PUT', data: { ...change } })
}

/** `PUT /api/v1/me/preferences {elderly_mode}`: kept with the account, so every device follows. */
export function updatePreferences (elderlyMode: boolean): Promise<Preferences> {
  return apiRequest<Preferences>('/api/v1/me/preferences', { method: 'PUT', data: { elderly_mode: elderlyMode } })
}

// --- your data and your account (docs/privacy.md) ---------------------------------------------

/**
 * `GET /api/v1/me/export`: everything held about you, your own values in full. Needs a login in the last
 * 10 minutes (401 AUTH_FRESH_LOGIN_REQUIRED otherwise: log in again and retry); 5 an hour.
 */
export function exportMyData (): Promise<DataExport> {
  return api.get<DataExport>('/api/v1/me/export')
}

/**
 * `DELETE /api/v1/me` (注销): personal data erased, every session ended. The same fresh login; 409
 * ACCOUNT_HAS_OPEN_CASES while an application is in progress.
 */
export function deleteAccount (): Promise<AccountDeleted> {
  return api.del<AccountDeleted>('/api/v1/me')
}
