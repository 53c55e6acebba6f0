// What server processes on one PostgreSQL tell each other about shared documents, over LISTEN/NOTIFY:
// a stored update (inline when small, else its row id), an awareness change, the agents on a ticket, and
// "I am alive". NOTIFY payloads are limited to 8000 bytes, hence the row id for big updates. On PGlite
// (one process) there is no bus and nothing is sent.

import type { PresentAgent } from '../../shared/schema/presence.ts'
import type { Notifications } from '../db/create-db.ts'

const channel = 'helpdesk_collab'
/** Base64 of an update up to this long travels inline. */
const inlineLimit = 6000

export type BusMessage =
  | { k: 'update'; p: string; t: string; id: number; u?: string }
  | { k: 'awareness'; p: string; t: string; u: string }
  | { k: 'presence'; p: string; w: string; t: string; agents: PresentAgent[] }
  | { k: 'hello' | 'alive' | 'gone'; p: string }
  | { k: 'recheck'; p: string; w: string; ticketIds?: string[]; agentId?: string }

export interface CollabBus {
  update(ticketId: string, rowId: number, update: Uint8Array): void
  send(message: BusMessage): void
}

export async function connectCollabBus(
  notifications: Notifications,
  processId: string,
  handlers: { receive(message: BusMessage): void; listening(): void; error(error: unknown): void },
): Promise<CollabBus> {
  await notifications.listen(
    channel,
    (payload) => {
      let message: BusMessage
      try {
        message = JSON.parse(payload) as BusMessage
      } catch (error) {
        return handlers.error(error)
      }
      if (message.p !== processId) handlers.receive(message)
    },
    handlers.listening,
  )
  const send = (message: BusMessage) => {
    notifications.notify(channel, JSON.stringify(message)).catch(handlers.error)
  }
  return {
    send,
    update(ticketId, rowId, update) {
      const inline = Buffer.from(update).toString('base64')
      send({ k: 'update', p: processId, t: ticketId, id: rowId, ...(inline.length <= inlineLimit ? { u: inline } : {}) })
    },
  }
}
