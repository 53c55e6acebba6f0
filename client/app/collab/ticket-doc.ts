// One ticket's shared document over the collaboration socket (/collab/:ticketId, y-websocket protocol):
// the draft reply, the internal notes, and who else is here (awareness), exposed as Solid signals. The
// document is also kept in this browser (IndexedDB), so a draft or note typed offline survives a reload
// and merges with colleagues' edits when the socket is back.
import { type Accessor, createSignal } from 'solid-js'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { draftOf, notesOf } from '../../../shared/protocol/ticket-document.ts'
import { createTypingClock, typingRefreshMs } from '../../../shared/protocol/typing.ts'
import type { Agent } from '../../../shared/schema/agent.ts'
import { ticketDocName } from '../offline/device-data.ts'
import { agentColor } from '../ui/agent-color.ts'

export interface Peer {
  clientId: number
  id: string
  name: string
  color: string
  /** Typed within the last few seconds, as heard here (see shared/protocol/typing.ts). */
  typing: boolean
}

export interface TicketDoc {
  doc: Y.Doc
  draft: Y.Text
  notes: Y.Array<Y.Map<unknown>>
  /** Other agents on this ticket (this tab excluded). */
  peers: Accessor<Peer[]>
  connected: Accessor<boolean>
  setTyping(typing: boolean): void
  close(): void
}

export function openTicketDoc(ticketId: string, me: Agent): TicketDoc {
  const doc = new Y.Doc()
  const stored = new IndexeddbPersistence(ticketDocName(me.id, ticketId), doc)
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
  const provider = new WebsocketProvider(url, ticketId, doc, { disableBc: true })
  const awareness = provider.awareness
  awareness.setLocalState({ user: { id: me.id, name: me.name, color: agentColor(me.id) }, typing: false })

  const [peers, setPeers] = createSignal<Peer[]>([])
  const [connected, setConnected] = createSignal(false)
  const typingClock = createTypingClock()
  let expiryTimer: ReturnType<typeof setTimeout> | undefined
  const readPeers = () => {
    const now = Date.now()
    const list: Peer[] = []
    awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: { id?: string; name?: string; color?: string } }).user
      if (clientId === doc.clientID || !user?.id) return
      typingClock.note(clientId, state, now)
      const typing = typingClock.typingUntil(clientId, now) > 0
      list.push({ clientId, id: user.id, name: user.name ?? '', color: user.color ?? '#888', typing })
    })
    setPeers(list)
    // A colleague whose "stopped typing" never arrives stops counting here on time all the same.
    clearTimeout(expiryTimer)
    const next = typingClock.nextExpiry(now)
    if (next !== null) expiryTimer = setTimeout(readPeers, next - now + 20)
  }
  awareness.on('change', readPeers)
  provider.on('status', (event: { status: string }) => setConnected(event.status === 'connected'))

  let typingTimer: ReturnType<typeof setTimeout> | undefined
  return {
    doc,
    draft: draftOf(doc),
    notes: notesOf(doc),
    peers,
    connected,
    setTyping(typing) {
      clearTimeout(typingTimer)
      const state = awareness.getLocalState()
      const now = Date.now()
      // Every refresh carries a new `typedAt`, which restarts the expiry on the others' side.
      if (typing && (state?.typing !== true || now - Number(state?.typedAt ?? 0) >= typingRefreshMs)) {
        awareness.setLocalState({ ...state, typing: true, typedAt: now })
      } else if (!typing && state?.typing !== false) awareness.setLocalStateField('typing', false)
      // "Typing" fades when the hands stop (and expires on its own where this message does not arrive).
      if (typing) typingTimer = setTimeout(() => awareness.setLocalStateField('typing', false), 3_000)
    },
    close() {
      clearTimeout(typingTimer)
      clearTimeout(expiryTimer)
      provider.destroy()
      void stored.destroy()
      doc.destroy()
    },
  }
}
