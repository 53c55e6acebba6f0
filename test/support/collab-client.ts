// An agent's collaboration client for tests: the stock y-websocket WebsocketProvider, in Node.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface CollabClient {
  doc: Y.Doc
  provider: WebsocketProvider
  synced: Promise<void>
  close(): void
}

export function openCollab(baseUrl: string, ticketId: string, token: string): CollabClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, ticketId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  return {
    doc,
    provider,
    synced,
    close() {
      provider.destroy()
      doc.destroy()
    },
  }
}
