// What the server writes into a ticket's shared document (API.md "Collaboration socket"): the
// assignment map, the draft emptied once a reply has gone out, and notes made over REST.
import * as Y from 'yjs'

export function setAssignment(doc: Y.Doc, assignment: { assigneeId: string | null; teamId: string | null }): void {
  const map = doc.getMap('assignment')
  // A document that never held an assignment reads as unassigned: nothing to write for null.
  if ((map.get('assigneeId') ?? null) !== assignment.assigneeId) map.set('assigneeId', assignment.assigneeId)
  if ((map.get('teamId') ?? null) !== assignment.teamId) map.set('teamId', assignment.teamId)
}

export function clearDraft(doc: Y.Doc): void {
  const draft = doc.getText('draft')
  if (draft.length > 0) draft.delete(0, draft.length)
}

/** A note made over REST, shown in the document's notes like one written there (same id). */
export function appendNote(doc: Y.Doc, note: { id: string; authorId: string | null; createdAt: string; body: string }): void {
  const notes = doc.getArray<Y.Map<unknown>>('notes')
  if (notes.toArray().some((existing) => existing.get?.('id') === note.id)) return
  const map = new Y.Map<unknown>()
  map.set('id', note.id)
  map.set('authorId', note.authorId)
  map.set('createdAt', note.createdAt)
  map.set('body', new Y.Text(note.body))
  notes.push([map])
}
