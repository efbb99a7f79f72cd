/**
 * A hall's display board (叫号屏, docs/queue.md "Boards"): public, no token, no personal data.
 * The snapshot is `GET /api/v1/halls/{id}/board` (getBoard in ./queue); the live feed is the
 * server-sent event stream `GET /api/v1/halls/{id}/board/stream`. Pure: no @tarojs import.
 */
import { buildQuery, hallPath } from './catalogQuery'
import type { Schemas } from './types'
import { apiUrl } from './url'

export type Board = Schemas['Board']
export type BoardCall = Schemas['BoardCall']
export type BoardLine = Schemas['BoardLine']

/** The data of a `call` event: a ticket called or recalled, and its line's waiting count after the call. */
export interface CallEvent extends BoardCall {
  ticket_id: number
  waiting: number
}

/** The data of a `ticket` event: a line's waiting count after a ticket was taken, cancelled, moved or rejoined. */
export interface LineEvent {
  category: string
  waiting: number
}

/**
 * The stream's address. `lastEventId` resumes after that event when a new EventSource is opened by
 * hand (after the browser gave up): the browser itself sends `Last-Event-ID` only on its own reconnects.
 */
export function boardStreamUrl (hallId: number, lastEventId?: string | null): string {
  return apiUrl(`${hallPath(hallId)}/board/stream` + buildQuery({ last_event_id: lastEventId || undefined }))
}
