// One ticket's shared document over the collaboration socket (/collab/:ticketId, y-websocket protocol):
// the draft reply, the internal notes, and who else is here (awareness), exposed as Solid signals. The
// document is also kept in this browser (IndexedDB), so a draft or note typed offline survives a reload
// and merges with colleagues' edits when the socket is back.
import { type Accessor, createSignal } from 'solid-js'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { draftOf, notesOf } from '../../../shared/protocol/ticket-document.ts'
import type { Agent } from '../../../shared/schema/agent.ts'
import { ticketDocName } from '../offline/device-data.ts'
import { agentColor } from '../ui/agent-color.ts'

export interface Peer {
  clientId: number
  id: string
  name: string
  color: string
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
  const readPeers = () => {
    const list: Peer[] = []
    awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: { id?: string; name?: string; color?: string } }).user
      if (clientId === doc.clientID || !user?.id) return
      list.push({ clientId, id: user.id, name: user.name ?? '', color: user.color ?? '#888', typing: Boolean(state.typing) })
    })
    setPeers(list)
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
      if (awareness.getLocalState()?.typing !== typing) awareness.setLocalStateField('typing', typing)
      // "Typing" fades when the hands stop.
      if (typing) typingTimer = setTimeout(() => awareness.setLocalStateField('typing', false), 3_000)
    },
    close() {
      clearTimeout(typingTimer)
      provider.destroy()
      void stored.destroy()
      doc.destroy()
    },
  }
}
