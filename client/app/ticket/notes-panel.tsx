// The ticket's internal notes, live from the shared document: each note's text is co-edited (a Y.Text
// bound to its own box), with its author and time. Notes never leave the helpdesk.
import { createSignal, For, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import { noteFields } from '../../../shared/protocol/ticket-document.ts'
import type { Agent } from '../../../shared/schema/agent.ts'
import { bindText } from '../collab/bind-text.ts'
import type { TicketDoc } from '../collab/ticket-doc.ts'
import { clockText } from '../ui/time-text.ts'

interface NoteView {
  id: string
  authorId: string
  createdAt: string
  body: Y.Text
}

export function NotesPanel(props: { doc: TicketDoc; agents: Agent[] }) {
  const [notes, setNotes] = createSignal<NoteView[]>([])
  const read = () =>
    setNotes(
      props.doc.notes
        .toArray()
        .map(noteFields)
        .map((note) => ({
          id: String(note.id),
          authorId: String(note.authorId),
          createdAt: String(note.createdAt),
          body: note.body as Y.Text,
        }))
        .filter((n) => n.body && typeof n.body.toString === 'function'),
    )
  onMount(() => {
    read()
    props.doc.notes.observe(read)
    onCleanup(() => props.doc.notes.unobserve(read))
  })
  const authorName = (id: string) => props.agents.find((a) => a.id === id)?.name ?? 'Agent'

  return (
    <section class="notes-panel" aria-label="Internal notes">
      <h3>Internal notes</h3>
      <For each={notes()} fallback={<p class="muted">No notes yet.</p>}>
        {(note) => (
          <article class="note-card">
            <header>
              {authorName(note.authorId)} · {clockText(note.createdAt)}
            </header>
            <NoteBody text={note.body} label={`Note by ${authorName(note.authorId)}`} />
          </article>
        )}
      </For>
    </section>
  )
}

function NoteBody(props: { text: Y.Text; label: string }) {
  let area!: HTMLTextAreaElement
  onMount(() => onCleanup(bindText(props.text, area, () => {})))
  return <textarea ref={area} class="note-body" aria-label={props.label} rows="2" />
}
