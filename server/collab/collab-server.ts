// /collab/:ticketId: the y-websocket protocol (sync and awareness) for one ticket's shared document, so
// the stock WebsocketProvider works against it. The caller must be signed in (cookie or ?token=) and
// allowed to see the ticket, checked before any document byte is sent. Documents nobody has open are
// unloaded after a grace period.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { asc, eq } from 'drizzle-orm'
import { WebSocketServer } from 'ws'
import type * as Y from 'yjs'
import { AppError } from '../../shared/errors.ts'
import type { Db } from '../db/create-db.ts'
import { collabUpdates } from '../db/schema/collab-updates.ts'
import type { Logger } from '../log.ts'
import { findVisibleTicket } from '../tickets/get-ticket.ts'
import { type CollabRoom, openRoom } from './collab-room.ts'
import { actorForUpgrade } from './upgrade-actor.ts'

export const collabPath = '/collab'
/** One update larger than this closes the socket (1009); a draft is text, not files. */
const maxFrameBytes = 1024 * 1024
const unloadAfterMs = 30_000

export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** How many documents are loaded. */
  readonly openDocuments: number
  /**
   * A change the server makes to a ticket's document (an assignment set over REST, a draft cleared by a
   * sent reply): applied to the live document, so every agent on it sees it, and stored like any update.
   */
  change(ticketId: string, workspaceId: string, apply: (doc: Y.Doc) => void): Promise<void>
  close(): Promise<void>
}

export function createCollabServer(deps: { db: Db; secretKey: string; log: Logger }): CollabServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })
  const rooms = new Map<string, Promise<CollabRoom>>()
  const unloadTimers = new Map<string, NodeJS.Timeout>()

  function room(ticketId: string, workspaceId: string): Promise<CollabRoom> {
    clearTimeout(unloadTimers.get(ticketId))
    unloadTimers.delete(ticketId)
    let open = rooms.get(ticketId)
    if (!open) {
      open = openRoom(
        {
          load: async () =>
            (
              await deps.db
                .select({ update: collabUpdates.update })
                .from(collabUpdates)
                .where(eq(collabUpdates.ticketId, ticketId))
                .orderBy(asc(collabUpdates.id))
            ).map((row) => row.update),
          append: async (update) => {
            await deps.db.insert(collabUpdates).values({ workspaceId, ticketId, update: Buffer.from(update) })
          },
        },
        (error) => deps.log.error('collab update not stored', { ticketId, error }),
      )
      rooms.set(ticketId, open)
      open.catch(() => rooms.delete(ticketId))
    }
    return open
  }

  function leave(ticketId: string, current: CollabRoom): void {
    if (current.size > 0) return
    unloadTimers.set(
      ticketId,
      setTimeout(() => {
        if (current.size > 0) return
        rooms.delete(ticketId)
        unloadTimers.delete(ticketId)
        current.destroy()
      }, unloadAfterMs).unref(),
    )
  }

  const refuse = (socket: Duplex, status: string) =>
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)

  return {
    get openDocuments() {
      return rooms.size
    },
    async change(ticketId, workspaceId, apply) {
      const current = await room(ticketId, workspaceId)
      current.doc.transact(() => apply(current.doc), 'server')
      await current.flushed()
      leave(ticketId, current)
    },
    handleUpgrade(req, socket, head) {
      void (async () => {
        const ticketId = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(collabPath.length + 1))
        const actor = await actorForUpgrade(req, deps.db, deps.secretKey)
        if (!actor) return refuse(socket, '401 Unauthorized')
        const ticket = await findVisibleTicket(deps.db, actor, ticketId).catch((error: unknown) => {
          if (error instanceof AppError) return null
          throw error
        })
        if (!ticket) return refuse(socket, '404 Not Found')
        const current = await room(ticket.id, actor.workspaceId)
        wss.handleUpgrade(req, socket, head, (ws) => {
          current.join(ws)
          ws.on('close', () => leave(ticket.id, current))
        })
      })().catch((error: unknown) => {
        deps.log.error('collab upgrade failed', { error })
        refuse(socket, '500 Internal Server Error')
      })
    },
    async close() {
      for (const client of wss.clients) client.terminate()
      for (const timer of unloadTimers.values()) clearTimeout(timer)
      for (const open of rooms.values()) (await open.catch(() => null))?.destroy()
      rooms.clear()
      wss.close()
    },
  }
}
