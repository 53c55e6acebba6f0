// /collab/:ticketId: the y-websocket protocol (sync and awareness) for one ticket's shared document, so
// the stock WebsocketProvider works against it. The caller must be signed in (cookie or ?token=) and
// allowed to see the ticket, checked before any document byte is sent and again whenever what they may
// see can have changed. Notes and assignment written in a document are projected into the database;
// presence (who is on which ticket, typing or not) is kept for supervisors. Server processes sharing one
// PostgreSQL pass updates, awareness and presence to each other over LISTEN/NOTIFY. Documents nobody has
// open are unloaded after a grace period and compacted in the background.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import type * as Y from 'yjs'
import { AppError } from '../../shared/errors.ts'
import { setAssignment } from '../../shared/protocol/ticket-document.ts'
import type { Actor } from '../auth/actor.ts'
import { actorForUpgrade } from '../auth/upgrade-actor.ts'
import type { Clock } from '../clock/clock.ts'
import type { Db, Notifications } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import type { Logger } from '../log.ts'
import { refuseUpgrade } from '../sockets/refuse-upgrade.ts'
import { createSocketEndpoint } from '../sockets/socket-endpoint.ts'
import { findVisibleTicket, findVisibleTicketAsSystem } from '../tickets/get-ticket.ts'
import type { TicketRow } from '../tickets/ticket-view.ts'
import { type AssignmentProjection, projectAssignment } from './assignment-projection.ts'
import { type BusMessage, type CollabBus, connectCollabBus } from './collab-bus.ts'
import { type CollabRoom, openRoom } from './collab-room.ts'
import { type CollabStore, collabStore } from './collab-store.ts'
import { type NoteProjection, projectNotes } from './note-projection.ts'
import { createPresenceRegistry, type PresenceRegistry } from './presence-registry.ts'
import { createUpdateWriter } from './update-writer.ts'

export const collabPath = '/collab'
/** Frames past this are cut off by ws itself, before they are buffered whole (1009, no reason). */
const maxFrameBytes = 1024 * 1024
const aliveEveryMs = 10_000
const recheckEveryMs = 30_000

export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** How many documents are loaded. */
  readonly openDocuments: number
  /**
   * A change the server makes to a ticket's document (an assignment set over REST, a draft cleared by a
   * sent reply): applied to the live document, so every agent on it sees it, and stored like any update.
   */
  change(ticketId: string, workspaceId: string, apply: (doc: Y.Doc) => void): Promise<void>
  readonly presence: Pick<PresenceRegistry, 'list' | 'ticket' | 'subscribe'>
  /**
   * Closes the sockets whose agent may no longer see the ticket, on every process: those of the given
   * tickets, or of one agent, or (no scope) of the whole workspace.
   */
  recheck(workspaceId: string, scope?: RecheckScope): void
  /** Calls `listener` after an assignment an agent made in a document is in the database. */
  onAssigned(listener: (workspaceId: string, ticketId: string) => Promise<void>): void
  close(): Promise<void>
}

export interface RecheckScope {
  ticketIds?: string[]
  agentId?: string
}

interface OpenDocument {
  workspaceId: string
  room: CollabRoom
  store: CollabStore
  notes: NoteProjection
  assignment: AssignmentProjection
}

export async function createCollabServer(deps: {
  db: Db
  notifications: Notifications | null
  secretKey: string
  log: Logger
  clock: Clock
  unloadAfterMs?: number
  /** How often each socket is pinged; one that missed the last ping is cut off and leaves the document's presence. */
  heartbeatMs?: number
}): Promise<CollabServer> {
  const unloadAfterMs = deps.unloadAfterMs ?? 30_000
  const processId = newId()
  const endpoint = createSocketEndpoint({ name: 'collab', maxFrameBytes, heartbeatMs: deps.heartbeatMs, log: deps.log })
  const documents = new Map<string, Promise<OpenDocument>>()
  const writeUpdate = createUpdateWriter(deps.db)
  const unloadTimers = new Map<string, NodeJS.Timeout>()
  let assignedListener: ((workspaceId: string, ticketId: string) => Promise<void>) | null = null
  const reauthenticate = new Map<WebSocket, () => Promise<Actor | null>>()
  const registry = createPresenceRegistry({ localProcessId: processId, expireMs: 3 * aliveEveryMs, coalesceMs: 100 })
  const sentPresence = new Map<string, string>()
  let compactions: Promise<unknown> = Promise.resolve()
  const logError = (what: string) => (error: unknown) => deps.log.error(what, { error })

  let bus: CollabBus | null = null
  if (deps.notifications) {
    bus = await connectCollabBus(
      { notifications: deps.notifications, processId, log: deps.log },
      {
        receive: (message) => void receive(message).catch(logError('collab notification not handled')),
        listening: () => void catchUp().catch(logError('collab catch-up failed')),
      },
    )
    bus.send({ type: 'hello' })
  }
  const alive = setInterval(() => bus?.send({ type: 'alive' }), aliveEveryMs).unref()
  const periodicRecheck = setInterval(() => void recheckHere().catch(logError('collab recheck failed')), recheckEveryMs).unref()

  function publishPresence(ticketId: string, document: OpenDocument): void {
    const agents = document.room.presence()
    const json = JSON.stringify(agents)
    if (sentPresence.get(ticketId) === json) return
    if (agents.length) sentPresence.set(ticketId, json)
    else sentPresence.delete(ticketId)
    registry.set(processId, document.workspaceId, ticketId, agents)
    bus?.send({ type: 'presence', workspaceId: document.workspaceId, ticketId, agents })
  }

  async function receive(message: BusMessage): Promise<void> {
    switch (message.type) {
      case 'update': {
        const open = await documents.get(message.ticketId)?.catch(() => null)
        if (!open) return
        const update = message.update ? Buffer.from(message.update, 'base64') : await open.store.row(message.rowId)
        if (update) open.room.applyRemote(new Uint8Array(update), message.rowId)
        return
      }
      case 'awareness':
        ;(await documents.get(message.ticketId)?.catch(() => null))?.room.applyRemoteAwareness(
          Buffer.from(message.update, 'base64'),
        )
        return
      case 'presence':
        return registry.set(message.processId, message.workspaceId, message.ticketId, message.agents)
      case 'hello':
        // A process has started: tell it who is here.
        for (const [ticketId, json] of sentPresence) {
          const open = await documents.get(ticketId)?.catch(() => null)
          if (open) bus?.send({ type: 'presence', workspaceId: open.workspaceId, ticketId, agents: JSON.parse(json) })
        }
        return
      case 'alive':
        return registry.alive(message.processId)
      case 'gone':
        return registry.forget(message.processId)
      case 'recheck':
        return recheckHere(message.workspaceId, { ticketIds: message.ticketIds, agentId: message.agentId })
    }
  }

  /** After listening (re)starts, updates notified meanwhile may have been missed: read them. */
  async function catchUp(): Promise<void> {
    for (const open of documents.values()) {
      const document = await open.catch(() => null)
      if (!document) continue
      for (const row of await document.store.since(document.room.lastId)) document.room.applyRemote(row.update, row.id)
    }
  }

  async function load(ticketId: string, workspaceId: string, known?: TicketRow): Promise<OpenDocument> {
    const store = collabStore(deps.db, writeUpdate, workspaceId, ticketId)
    let document: OpenDocument | undefined
    const room = await openRoom(store, {
      stored: (update, rowId) => bus?.update(ticketId, rowId, update),
      awareness: (update, local) => {
        if (local) bus?.send({ type: 'awareness', ticketId, update: Buffer.from(update).toString('base64') })
        if (document) publishPresence(ticketId, document)
      },
      typingExpired: () => document && publishPresence(ticketId, document),
      error: (error) => deps.log.error('collab update not stored', { ticketId, error }),
    })
    const ticket = { id: ticketId, workspaceId }
    document = {
      workspaceId,
      room,
      store,
      notes: projectNotes(deps, room, ticket),
      assignment: projectAssignment({ ...deps, assigned }, room, ticket),
    }
    // The document shows the assignment the database holds, whatever was last stored in it.
    const row = known ?? (await findVisibleTicketAsSystem(deps.db, ticketId))
    room.doc.transact(() => setAssignment(room.doc, row), 'server')
    return document
  }

  /** The ticket's document, loaded if it is not; `known` is the ticket row when the caller has just read it. */
  function open(ticketId: string, workspaceId: string, known?: TicketRow): Promise<OpenDocument> {
    clearTimeout(unloadTimers.get(ticketId))
    unloadTimers.delete(ticketId)
    let opened = documents.get(ticketId)
    if (!opened) {
      opened = load(ticketId, workspaceId, known)
      documents.set(ticketId, opened)
      opened.catch(() => documents.delete(ticketId))
    }
    return opened
  }

  function leave(ticketId: string, document: OpenDocument): void {
    if (document.room.size > 0 || unloadTimers.has(ticketId)) return
    unloadTimers.set(
      ticketId,
      setTimeout(() => {
        unloadTimers.delete(ticketId)
        if (document.room.size > 0) return
        documents.delete(ticketId)
        void unload(document).catch(logError('collab unload failed'))
      }, unloadAfterMs).unref(),
    )
  }

  async function unload(document: OpenDocument): Promise<void> {
    await Promise.all([document.room.flushed(), document.notes.flushed(), document.assignment.flushed()])
    document.room.destroy()
    compactions = compactions.then(() => document.store.compact()).catch(logError('collab compaction failed'))
    await compactions
  }

  async function recheckHere(workspaceId?: string, scope: RecheckScope = {}): Promise<void> {
    const tickets = scope.ticketIds ? new Set(scope.ticketIds) : null
    for (const [ticketId, opened] of documents) {
      if (tickets && !tickets.has(ticketId)) continue
      const document = await opened.catch(() => null)
      if (!document || (workspaceId && document.workspaceId !== workspaceId)) continue
      for (const [socket, member] of document.room.members) {
        if (scope.agentId && member.actor.agentId !== scope.agentId) continue
        const actor = await reauthenticate.get(socket)?.()
        const visible = actor ? await findVisibleTicket(deps.db, actor, ticketId).then(() => true, refusedOnly) : false
        if (!visible) socket.close(1008, 'You may no longer see this ticket')
        else if (actor) member.actor = actor
      }
    }
  }

  async function assigned(ticketId: string, workspaceId: string): Promise<void> {
    recheck(workspaceId, { ticketIds: [ticketId] })
    await assignedListener?.(workspaceId, ticketId)
  }

  function recheck(workspaceId: string, scope: RecheckScope = {}): void {
    bus?.send({ type: 'recheck', workspaceId, ...scope })
    void recheckHere(workspaceId, scope).catch(logError('collab recheck failed'))
  }

  return {
    get openDocuments() {
      return documents.size
    },
    presence: registry,
    recheck,
    onAssigned(listener) {
      assignedListener = listener
    },
    async change(ticketId, workspaceId, apply) {
      const document = await open(ticketId, workspaceId)
      document.room.doc.transact(() => apply(document.room.doc), 'server')
      await document.room.flushed()
      leave(ticketId, document)
    },
    handleUpgrade(req, socket, head) {
      void (async () => {
        const ticketId = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(collabPath.length + 1))
        const credentials = { url: req.url, headers: { cookie: req.headers.cookie } } as IncomingMessage
        const authenticate = () => actorForUpgrade(credentials, deps.db, deps.secretKey)
        const actor = await authenticate()
        if (!actor) return refuseUpgrade(socket, '401 Unauthorized')
        const ticket = await findVisibleTicket(deps.db, actor, ticketId).catch((error: unknown) => refusedOnly(error) || null)
        if (!ticket) return refuseUpgrade(socket, '404 Not Found')
        const document = await open(ticket.id, actor.workspaceId, ticket)
        endpoint.accept(req, socket, head, (ws) => {
          reauthenticate.set(ws, authenticate)
          document.room.join(ws, actor)
          publishPresence(ticket.id, document)
          ws.on('close', () => {
            reauthenticate.delete(ws)
            publishPresence(ticket.id, document)
            leave(ticket.id, document)
          })
        })
      })().catch((error: unknown) => {
        deps.log.error('collab upgrade failed', { error })
        refuseUpgrade(socket, '500 Internal Server Error')
      })
    },
    async close() {
      clearInterval(alive)
      clearInterval(periodicRecheck)
      bus?.send({ type: 'gone' })
      for (const client of endpoint.sockets) client.terminate()
      // No socket is taken after this (an upgrade still being checked is answered 503).
      const closed = endpoint.close()
      for (const timer of unloadTimers.values()) clearTimeout(timer)
      for (const opened of documents.values()) {
        const document = await opened.catch(() => null)
        if (!document) continue
        await Promise.all([document.room.flushed(), document.notes.flushed(), document.assignment.flushed()]).catch(() => {})
        document.room.destroy()
      }
      documents.clear()
      registry.close()
      await closed
    },
  }
}

/** A refusal (not found) reads as "may not see"; anything else is a real failure. */
function refusedOnly(error: unknown): false {
  if (error instanceof AppError) return false
  throw error
}
