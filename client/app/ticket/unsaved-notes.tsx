// Notes written in this browser that the thread does not show yet (typed offline, or a moment before the
// server stored them), at the end of the thread and marked as saving. Once stored, a note shows once: as
// a note message of the thread, edited only by its author (message-item.tsx).
import { createSignal, For, onCleanup, onMount } from 'solid-js'
import * as Y from 'yjs'
import { noteFields } from '../../../shared/protocol/ticket-document.ts'
import type { Message } from '../../../shared/schema/message.ts'
import type { TicketDoc } from '../collab/ticket-doc.ts'

interface DocNote {
  id: string
  body: string
}

export function UnsavedNotes(props: { doc: TicketDoc; messages: readonly Message[] }) {
  const [notes, setNotes] = createSignal<DocNote[]>([])
  const read = () =>
    setNotes(
      props.doc.notes.toArray().flatMap((item) => {
        const { id, body } = noteFields(item)
        return typeof id === 'string' && body instanceof Y.Text ? [{ id, body: body.toString() }] : []
      }),
    )
  onMount(() => {
    read()
    props.doc.notes.observeDeep(read)
    onCleanup(() => props.doc.notes.unobserveDeep(read))
  })
  const stored = () => new Set(props.messages.flatMap((m) => (m.kind === 'note' && m.externalId ? [m.externalId] : [])))
  const unsaved = () => notes().filter((n) => n.body.trim() && !stored().has(`note:${n.id}`))
  return (
    <For each={unsaved()}>
      {(note) => (
        <li class="message note waiting-send" aria-label="Internal note, saving">
          <p class="message-body">{note.body}</p>
          <div class="delivery">Saving…</div>
        </li>
      )}
    </For>
  )
}
