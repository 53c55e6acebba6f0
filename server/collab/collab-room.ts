// One ticket's shared document while someone has it open: the Y.Doc (loaded from its stored updates),
// the awareness of who is there and typing, and the agents' sockets. An update from a socket is stored
// before it is sent on, so what other agents see is already durable; updates of one room are stored and
// sent in order. Updates from other server processes ('remote') are already stored: only sent on.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createTypingClock } from '../../shared/protocol/typing.ts'
import type { PresentAgent } from '../../shared/schema/presence.ts'
import type { Actor } from '../auth/actor.ts'
import { createRateLimiter, type RateLimiter } from '../security/rate-limiter.ts'
import { awarenessClientIds } from './awareness-client-ids.ts'

export const messageSync = 0
export const messageAwareness = 1

/** One message larger than this closes the socket (1009); a draft is text, not files. */
export const maxUpdateBytes = 256 * 1024
/** A whole document larger than this takes no more edits (the socket is closed 1009). */
export const maxDocumentBytes = 2 * 1024 * 1024
/** Awareness states one socket may hold (a browser tab has one). */
const maxStatesPerSocket = 4
/** Awareness states are small JSON: who you are and whether you type. */
const maxAwarenessBytes = 4096

/** An agent present on a ticket, with when their typing expires (ms since the epoch) while it counts. */
export type ReportedAgent = PresentAgent & { typingUntil?: number }

export interface StoredUpdates {
  updates: Uint8Array[]
  /** Bytes of all of them: what the document weighs in storage. */
  bytes: number
  /** The newest stored row, to catch up from after a missed notification. */
  lastId: number
}

export interface RoomStore {
  load(): Promise<StoredUpdates>
  /** Stores one update; resolves with its row id. */
  append(update: Uint8Array): Promise<number>
}

export interface RoomEvents {
  /** A socket's update is stored (for other server processes). */
  stored?(update: Uint8Array, rowId: number): void
  /** Awareness changed locally (for other server processes and presence). */
  awareness?(update: Uint8Array, local: boolean): void
  /** Someone stopped counting as typing without a message saying so (for presence). */
  typingExpired?(): void
  error(error: unknown): void
}

export interface Member {
  actor: Actor
  clientIds: Set<number>
  awarenessLimit: RateLimiter
}

export interface CollabRoom {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly members: ReadonlyMap<WebSocket, Member>
  readonly size: number
  /**
   * The agents on this process's sockets, one entry per agent (typing if any of their tabs typed within
   * the expiry, `typingUntil` saying until when, on this server's clock).
   */
  presence(): ReportedAgent[]
  join(socket: WebSocket, actor: Actor): void
  /** An update another server process stored. */
  applyRemote(update: Uint8Array, rowId?: number): void
  applyRemoteAwareness(update: Uint8Array): void
  readonly lastId: number
  /** Resolves once every update so far is stored and sent. */
  flushed(): Promise<void>
  destroy(): void
}

export async function openRoom(store: RoomStore, events: RoomEvents): Promise<CollabRoom> {
  const doc = new Y.Doc({ gc: true })
  const stored = await store.load()
  doc.transact(() => {
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  }, 'storage')
  let documentBytes = stored.bytes
  let lastId = stored.lastId
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(null)
  const members = new Map<WebSocket, Member>()
  const typingClock = createTypingClock()
  let expiryTimer: NodeJS.Timeout | undefined
  let persisted: Promise<void> = Promise.resolve()

  const send = (socket: WebSocket, message: Uint8Array) => {
    if (socket.readyState === socket.OPEN) socket.send(message, (error) => error && socket.close())
  }
  const broadcast = (message: Uint8Array) => {
    for (const socket of members.keys()) send(socket, message)
  }
  const updateMessage = (update: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, update)
    return encoding.toUint8Array(encoder)
  }

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'storage') return
    if (origin === 'remote') return broadcast(updateMessage(update))
    documentBytes += update.length
    persisted = persisted
      .then(async () => {
        const rowId = await store.append(update)
        lastId = Math.max(lastId, rowId)
        broadcast(updateMessage(update))
        events.stored?.(update, rowId)
      })
      .catch(events.error)
  })

  function scheduleExpiry(now: number): void {
    clearTimeout(expiryTimer)
    const next = typingClock.nextExpiry(now)
    if (next === null) return
    expiryTimer = setTimeout(
      () => {
        events.typingExpired?.()
        scheduleExpiry(Date.now())
      },
      next - now + 20,
    ).unref()
  }

  awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    const changed = [...added!, ...updated!, ...removed!]
    const now = Date.now()
    for (const id of changed) typingClock.note(id, awareness.getStates().get(id), now)
    scheduleExpiry(now)
    const owner = members.get(origin as WebSocket)
    if (owner) {
      for (const id of added!) owner.clientIds.add(id)
      for (const id of removed!) owner.clientIds.delete(id)
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, update)
    broadcast(encoding.toUint8Array(encoder))
    events.awareness?.(update, origin !== 'remote')
  })

  function receive(socket: WebSocket, member: Member, data: Uint8Array): void {
    if (data.length > maxUpdateBytes) {
      socket.close(1009, 'An update may be at most 256 KiB')
      return
    }
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === messageSync) {
      // Step 1 only asks; step 2 and updates write, and a full document takes no more.
      if (data.length > 64 && documentBytes + data.length > maxDocumentBytes) {
        socket.close(1009, 'The document is too large')
        return
      }
      if (decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep1) {
        // The answer is the document as stored: edits still being written go out once they are durable.
        decoding.readVarUint(decoder)
        const stateVector = decoding.readVarUint8Array(decoder)
        persisted = persisted.then(() => {
          const encoder = encoding.createEncoder()
          encoding.writeVarUint(encoder, messageSync)
          syncProtocol.writeSyncStep2(encoder, doc, stateVector)
          send(socket, encoding.toUint8Array(encoder))
        }, events.error)
        return
      }
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.readSyncMessage(decoder, encoder, doc, socket)
      if (encoding.length(encoder) > 1) send(socket, encoding.toUint8Array(encoder))
    } else if (type === messageAwareness) {
      const allowed = member.awarenessLimit.take()
      if (allowed === 'close') socket.close(1008, 'Too many awareness updates')
      if (allowed !== 'allow') return
      const update = decoding.readVarUint8Array(decoder)
      if (update.length > maxAwarenessBytes) return
      for (const id of awarenessClientIds(update)) {
        const holder = [...members].find(([, other]) => other.clientIds.has(id))
        // Another socket's state is not this one's to change.
        if (holder && holder[0] !== socket) return
      }
      awarenessProtocol.applyAwarenessUpdate(awareness, update, socket)
      if (member.clientIds.size > maxStatesPerSocket) socket.close(1008, 'Too many awareness states')
    }
    // Other message types (auth, query-awareness) are not ours: ignored.
  }

  return {
    doc,
    awareness,
    members,
    get size() {
      return members.size
    },
    get lastId() {
      return lastId
    },
    presence() {
      const now = Date.now()
      const agents = new Map<string, ReportedAgent>()
      for (const member of members.values()) {
        const until = Math.max(0, ...[...member.clientIds].map((id) => typingClock.typingUntil(id, now)))
        const seen = agents.get(member.actor.agentId) ?? { id: member.actor.agentId, name: member.actor.name, typing: false }
        if (until > (seen.typingUntil ?? 0)) Object.assign(seen, { typing: true, typingUntil: until })
        agents.set(member.actor.agentId, seen)
      }
      return [...agents.values()]
    },
    flushed: () => persisted,
    applyRemote(update, rowId) {
      // Notifications may arrive out of order; applying an update twice changes nothing in Yjs.
      if (rowId !== undefined) lastId = Math.max(lastId, rowId)
      documentBytes += update.length
      Y.applyUpdate(doc, update, 'remote')
    },
    applyRemoteAwareness(update) {
      awarenessProtocol.applyAwarenessUpdate(awareness, update, 'remote')
    },
    join(socket, actor) {
      const member: Member = { actor, clientIds: new Set(), awarenessLimit: createRateLimiter({ messages: 40, perMs: 1000 }) }
      members.set(socket, member)
      socket.on('message', (data: Buffer) => {
        try {
          receive(socket, member, new Uint8Array(data))
        } catch {
          // A frame that is no y-websocket message: the sender goes, the document and others stay.
          socket.close(1003, 'Not a y-websocket message')
        }
      })
      socket.on('close', () => {
        members.delete(socket)
        if (member.clientIds.size) awarenessProtocol.removeAwarenessStates(awareness, [...member.clientIds], null)
      })
      const step1 = encoding.createEncoder()
      encoding.writeVarUint(step1, messageSync)
      syncProtocol.writeSyncStep1(step1, doc)
      send(socket, encoding.toUint8Array(step1))
      const states = [...awareness.getStates().keys()]
      if (states.length) {
        // A newcomer cannot tell how old a "typing" is: one that has expired here reaches them as stopped.
        const now = Date.now()
        const current = new Map(
          [...awareness.getStates()].map(([id, state]) => [
            id,
            state.typing === true && !typingClock.typingUntil(id, now) ? { ...state, typing: false } : state,
          ]),
        )
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, messageAwareness)
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, states, current))
        send(socket, encoding.toUint8Array(encoder))
      }
    },
    destroy() {
      clearTimeout(expiryTimer)
      awareness.destroy()
      doc.destroy()
    },
  }
}
