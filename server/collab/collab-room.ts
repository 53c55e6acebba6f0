// One ticket's shared document while someone has it open: the Y.Doc (loaded from its stored updates),
// the awareness of who is there and typing, and the sockets. An update is stored before it is sent on,
// so what other agents see is already durable; updates of one room are stored and sent in order.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

export const messageSync = 0
export const messageAwareness = 1

export interface RoomStore {
  load(): Promise<Uint8Array[]>
  append(update: Uint8Array): Promise<void>
}

export interface CollabRoom {
  readonly doc: Y.Doc
  join(socket: WebSocket): void
  readonly size: number
  /** Resolves once every update so far is stored and sent. */
  flushed(): Promise<void>
  destroy(): void
}

export async function openRoom(store: RoomStore, onError: (error: unknown) => void): Promise<CollabRoom> {
  const doc = new Y.Doc({ gc: true })
  for (const update of await store.load()) Y.applyUpdate(doc, update, 'storage')
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(null)
  const sockets = new Map<WebSocket, Set<number>>()
  let persisted: Promise<void> = Promise.resolve()

  const send = (socket: WebSocket, message: Uint8Array) => {
    if (socket.readyState === socket.OPEN) socket.send(message, (error) => error && socket.close())
  }
  const broadcast = (message: Uint8Array) => {
    for (const socket of sockets.keys()) send(socket, message)
  }

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'storage') return
    persisted = persisted
      .then(() => store.append(update))
      .then(() => {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, messageSync)
        syncProtocol.writeUpdate(encoder, update)
        broadcast(encoding.toUint8Array(encoder))
      })
      .catch(onError)
  })

  awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    const changed = [...added!, ...updated!, ...removed!]
    const owner = sockets.get(origin as WebSocket)
    if (owner) {
      for (const id of added!) owner.add(id)
      for (const id of removed!) owner.delete(id)
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed))
    broadcast(encoding.toUint8Array(encoder))
  })

  function receive(socket: WebSocket, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const encoder = encoding.createEncoder()
    const type = decoding.readVarUint(decoder)
    if (type === messageSync) {
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.readSyncMessage(decoder, encoder, doc, socket)
      if (encoding.length(encoder) > 1) send(socket, encoding.toUint8Array(encoder))
    } else if (type === messageAwareness) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), socket)
    }
    // Other message types (auth, query-awareness) are not ours: ignored.
  }

  return {
    doc,
    get size() {
      return sockets.size
    },
    flushed: () => persisted,
    join(socket) {
      sockets.set(socket, new Set())
      socket.on('message', (data: Buffer) => {
        try {
          receive(socket, new Uint8Array(data))
        } catch {
          // A frame that is no y-websocket message: the sender goes, the document and others stay.
          socket.close(1003, 'Not a y-websocket message')
        }
      })
      socket.on('close', () => {
        const ids = sockets.get(socket)
        sockets.delete(socket)
        if (ids?.size) awarenessProtocol.removeAwarenessStates(awareness, [...ids], null)
      })
      const step1 = encoding.createEncoder()
      encoding.writeVarUint(step1, messageSync)
      syncProtocol.writeSyncStep1(step1, doc)
      send(socket, encoding.toUint8Array(step1))
      const states = [...awareness.getStates().keys()]
      if (states.length) {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, messageAwareness)
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, states))
        send(socket, encoding.toUint8Array(encoder))
      }
    },
    destroy() {
      awareness.destroy()
      doc.destroy()
    },
  }
}
