// An agent's collaboration client for tests: the stock y-websocket WebsocketProvider, in Node, signed in
// with an API token (?token=) or a session cookie, as the browser app is.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { appendNote, noteFields, notesOf } from '../../shared/protocol/ticket-document.ts'
import { typingRefreshMs } from '../../shared/protocol/typing.ts'

export interface CollabClient {
  doc: Y.Doc
  provider: WebsocketProvider
  synced: Promise<void>
  /**
   * Types without pause as `user`, as the browser app does while the agent's hands move: the state is
   * refreshed every second (typing expires a few seconds after the last refresh heard). Resolves nothing;
   * stopped by `stopTyping` or `close`.
   */
  keepTyping(user: { id: string; name: string; color: string }): void
  stopTyping(): void
  close(): void
}

export type CollabCredentials = string | { cookie: string }

export function openCollab(baseUrl: string, ticketId: string, credentials: CollabCredentials): CollabClient {
  const doc = new Y.Doc()
  const cookie = typeof credentials === 'string' ? '' : credentials.cookie
  const polyfill = cookie
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie } })
        }
      }
    : WebSocket
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, ticketId, doc, {
    WebSocketPolyfill: polyfill as unknown as typeof globalThis.WebSocket,
    params: typeof credentials === 'string' ? { token: credentials } : {},
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  let typing: ReturnType<typeof setInterval> | undefined
  const stopTyping = () => clearInterval(typing)
  return {
    doc,
    provider,
    synced,
    keepTyping(user) {
      stopTyping()
      const refresh = () => provider.awareness.setLocalState({ user, typing: true, typedAt: Date.now() })
      refresh()
      typing = setInterval(refresh, typingRefreshMs)
    },
    stopTyping,
    close() {
      stopTyping()
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Adds a note to a document as the browser app does; returns the note's map. */
export function writeNote(doc: Y.Doc, id: string, authorId: string, body: string): Y.Map<unknown> {
  appendNote(doc, { id, authorId, createdAt: new Date().toISOString(), body })
  return notesOf(doc)
    .toArray()
    .find((note) => noteFields(note).id === id)!
}
