import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  appendNote,
  assignmentOf,
  clearDraft,
  draftOf,
  noteFields,
  notesOf,
  readAssignment,
  setAssignment,
} from '../../../shared/protocol/ticket-document.ts'

const noteId = '0198c2a4-1f00-7000-8000-000000000001'
const agentId = '0198c2a4-1f00-7000-8000-0000000000aa'
const teamId = '0198c2a4-1f00-7000-8000-0000000000bb'

/** A document as version 1 stores it, written with the root and field names themselves. */
function storedVersion1(): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('draft').insert(0, 'Dear customer')
  const note = new Y.Map<unknown>()
  note.set('id', noteId)
  note.set('authorId', agentId)
  note.set('createdAt', '2025-01-02T03:04:05.000Z')
  note.set('body', new Y.Text('Called back'))
  doc.getArray('notes').push([note])
  doc.getMap('assignment').set('assigneeId', agentId)
  doc.getMap('assignment').set('teamId', null)
  return Y.encodeStateAsUpdate(doc)
}

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

describe('reading', () => {
  test('a stored version 1 document reads through the helpers', () => {
    const doc = load(storedVersion1())
    expect(draftOf(doc).toString()).toBe('Dear customer')
    const [note] = notesOf(doc).toArray()
    const fields = noteFields(note!)
    expect(fields).toMatchObject({ id: noteId, authorId: agentId, createdAt: '2025-01-02T03:04:05.000Z' })
    expect(fields.body).toBeInstanceOf(Y.Text)
    expect(String(fields.body)).toBe('Called back')
    expect(readAssignment(doc)).toEqual({ assigneeId: agentId, teamId: null })
  })

  test('a note written by another hand gives its fields as they are, absent ones undefined', () => {
    const doc = new Y.Doc()
    const odd = new Y.Map<unknown>()
    odd.set('id', 42)
    odd.set('body', 'plain string')
    notesOf(doc).push([odd])
    expect(noteFields(notesOf(doc).get(0))).toEqual({ id: 42, authorId: undefined, createdAt: undefined, body: 'plain string' })
  })

  test('an empty document has an empty draft, no notes and no assignment', () => {
    const doc = new Y.Doc()
    expect(draftOf(doc).toString()).toBe('')
    expect(notesOf(doc).length).toBe(0)
    expect(readAssignment(doc)).toEqual({ assigneeId: undefined, teamId: undefined })
  })
})

describe('writing', () => {
  test('what the helpers write loads in a document read with the version 1 names', () => {
    const doc = new Y.Doc()
    draftOf(doc).insert(0, 'Hello')
    appendNote(doc, { id: noteId, authorId: agentId, createdAt: '2025-01-02T03:04:05.000Z', body: 'Refund approved' })
    setAssignment(doc, { assigneeId: agentId, teamId })
    const copy = load(Y.encodeStateAsUpdate(doc))
    expect(copy.getText('draft').toString()).toBe('Hello')
    expect(copy.getArray('notes').toJSON()).toEqual([
      { id: noteId, authorId: agentId, createdAt: '2025-01-02T03:04:05.000Z', body: 'Refund approved' },
    ])
    expect((copy.getArray('notes').get(0) as Y.Map<unknown>).get('body')).toBeInstanceOf(Y.Text)
    expect(copy.getMap('assignment').toJSON()).toEqual({ assigneeId: agentId, teamId })
  })

  test('a note with an id already there is not added again', () => {
    const doc = load(storedVersion1())
    appendNote(doc, { id: noteId, authorId: null, createdAt: '2025-02-01T00:00:00.000Z', body: 'again' })
    expect(notesOf(doc).length).toBe(1)
    expect(String(noteFields(notesOf(doc).get(0)).body)).toBe('Called back')
  })

  test('setting the assignment it already holds makes no update; null on a fresh document writes nothing', () => {
    const doc = load(storedVersion1())
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    setAssignment(doc, { assigneeId: agentId, teamId: null })
    expect(updates).toHaveLength(0)
    setAssignment(doc, { assigneeId: null, teamId })
    expect(updates).toHaveLength(2)
    expect(readAssignment(doc)).toEqual({ assigneeId: null, teamId })

    const fresh = new Y.Doc()
    setAssignment(fresh, { assigneeId: null, teamId: null })
    expect(assignmentOf(fresh).size).toBe(0)
  })

  test('clearing the draft empties it, and an empty draft makes no update', () => {
    const doc = load(storedVersion1())
    clearDraft(doc)
    expect(draftOf(doc).toString()).toBe('')
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    clearDraft(doc)
    expect(updates).toHaveLength(0)
  })
})
