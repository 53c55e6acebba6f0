// A ticket's shared document (the Y.Doc agents co-edit over /collab/:ticketId): the names of its root
// types and of the fields inside them, and the reads and writes the server and the agent app both make.
// Anyone on the socket can write anything into the document, so readers get a note's or the assignment's
// fields as `unknown` and check them themselves.
//
// History (stored documents and browsers' offline copies hold this shape: a change must still load them):
//   1  `draft`: Y.Text, the reply being written. `notes`: Y.Array of Y.Map {id, authorId, createdAt (ISO
//      time), body: Y.Text}. `assignment`: Y.Map {assigneeId, teamId}, each an id or null, written by
//      the server from the database and projected back into it when an agent changes it.
import * as Y from 'yjs'

export const ticketDocumentVersion = 1

const rootKeys = { draft: 'draft', notes: 'notes', assignment: 'assignment' } as const

/** A note as the app and the server write it. */
export interface NewNote {
  id: string
  authorId: string | null
  createdAt: string
  body: string
}

/** A note's fields as found in the document: whoever wrote it may have put anything there. */
export interface NoteFields {
  id: unknown
  authorId: unknown
  createdAt: unknown
  body: unknown
}

export interface Assignment {
  assigneeId: string | null
  teamId: string | null
}

export function draftOf(doc: Y.Doc): Y.Text {
  return doc.getText(rootKeys.draft)
}

/** Empties the draft (a reply has gone out). */
export function clearDraft(doc: Y.Doc): void {
  const draft = draftOf(doc)
  if (draft.length > 0) draft.delete(0, draft.length)
}

/** The notes, oldest first. Items another writer put there may be no map: `noteFields` readers check. */
export function notesOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(rootKeys.notes)
}

export function noteFields(note: Y.Map<unknown>): NoteFields {
  return { id: note.get('id'), authorId: note.get('authorId'), createdAt: note.get('createdAt'), body: note.get('body') }
}

/** Adds a note at the end, its body a Y.Text others can co-edit; a note with the same id already there is kept as it is. */
export function appendNote(doc: Y.Doc, note: NewNote): void {
  const notes = notesOf(doc)
  if (notes.toArray().some((existing) => existing instanceof Y.Map && existing.get('id') === note.id)) return
  const map = new Y.Map<unknown>()
  map.set('id', note.id)
  map.set('authorId', note.authorId)
  map.set('createdAt', note.createdAt)
  map.set('body', new Y.Text(note.body))
  notes.push([map])
}

/** Replaces a note's text (its author's explicit edit); false when the document holds no such note. */
export function replaceNoteBody(doc: Y.Doc, noteId: string, body: string): boolean {
  const note = notesOf(doc)
    .toArray()
    .find((item) => item instanceof Y.Map && item.get('id') === noteId)
  const text = note?.get('body')
  if (!(text instanceof Y.Text)) return false
  doc.transact(() => {
    text.delete(0, text.length)
    text.insert(0, body)
  })
  return true
}

export function assignmentOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(rootKeys.assignment)
}

/** The assignment as found in the document (absent fields read as undefined). */
export function readAssignment(doc: Y.Doc): { assigneeId: unknown; teamId: unknown } {
  const map = assignmentOf(doc)
  return { assigneeId: map.get('assigneeId'), teamId: map.get('teamId') }
}

/** Writes the assignment, touching only the fields that differ (so an unchanged one makes no update). */
export function setAssignment(doc: Y.Doc, assignment: Assignment): void {
  const map = assignmentOf(doc)
  // A document that never held an assignment reads as unassigned: nothing to write for null.
  if ((map.get('assigneeId') ?? null) !== assignment.assigneeId) map.set('assigneeId', assignment.assigneeId)
  if ((map.get('teamId') ?? null) !== assignment.teamId) map.set('teamId', assignment.teamId)
}
