// Notes written in a ticket's document become messages of kind note (author, time, searchable): the
// agent whose socket added a note is its author, an edit by its author updates the message (marked edited,
// the earlier text kept), an edit by anyone else is undone in the document, a note removed from the
// document is marked deleted. The process whose socket made the change writes it, a moment after the
// typing pauses; the message's external id `note:<id>` ties it to the document's note.
import { and, eq, like, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { noteFields, notesOf } from '../../shared/protocol/ticket-document.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { type AuditEntry, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Clock } from '../clock/clock.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { agents } from '../db/schema/agents.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { storable } from '../db/storable-text.ts'
import type { Logger } from '../log.ts'
import { segmentForIndex } from '../search/segment.ts'
import type { CollabRoom } from './collab-room.ts'

const settleMs = 300
const notePrefix = 'note:'
const noteIdPattern = /^[\w-]{1,64}$/

interface DocNote {
  id: string
  body: string
  authorId: unknown
}

export interface NoteProjection {
  /** Resolves when what is pending is written. */
  flushed(): Promise<void>
}

export function projectNotes(
  deps: { db: Db; log: Logger; clock: Clock },
  room: CollabRoom,
  ticket: { id: string; workspaceId: string },
): NoteProjection {
  const notes = notesOf(room.doc)
  /** Who touched which note since the last write: the first toucher of a new note is its author. */
  const touchedBy = new Map<string, Actor>()
  const known = new Set(readNotes(room.doc).map((note) => note.id))
  let timer: NodeJS.Timeout | undefined
  let written: Promise<void> = Promise.resolve()

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      const touched = new Map(touchedBy)
      touchedBy.clear()
      written = written
        .then(() => write(touched))
        .catch((error: unknown) => deps.log.error('note not projected', { ticketId: ticket.id, error }))
    }, settleMs)
  }
  notes.observeDeep((events, transaction) => {
    const actor = room.members.get(transaction.origin as never)?.actor
    for (const event of events) {
      for (const note of touchedNotes(event, notes)) {
        known.add(note)
        if (actor && !touchedBy.has(note)) touchedBy.set(note, actor)
      }
    }
    if (actor) schedule()
  })
  // Notes stored but never written (the process stopped first) are written now.
  if (known.size) schedule()

  async function write(touched: Map<string, Actor>): Promise<void> {
    const inDoc = readNotes(room.doc)
    const now = deps.clock.now()
    const restored = await deps.db.transaction(async (tx) => {
      // Two server processes writing one ticket's notes take turns, so a note is inserted once.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ticket.id}))`)
      const rows = await tx
        .select({
          id: messages.id,
          externalId: messages.externalId,
          body: messages.body,
          deletedAt: messages.deletedAt,
          authorId: messages.authorId,
          editHistory: messages.editHistory,
        })
        .from(messages)
        .where(and(eq(messages.ticketId, ticket.id), eq(messages.kind, 'note'), like(messages.externalId, `${notePrefix}%`)))
      const byNote = new Map(rows.map((row) => [row.externalId!.slice(notePrefix.length), row]))
      const audit: AuditEntry[] = []
      const restore: { id: string; body: string }[] = []
      const entry = (actor: Actor | undefined, action: string, messageId: string): AuditEntry => ({
        workspaceId: ticket.workspaceId,
        actorType: actor ? 'agent' : 'system',
        actorId: actor?.agentId ?? null,
        action,
        entityType: 'ticket',
        entityId: ticket.id,
        data: { messageId },
      })
      for (const note of inDoc) {
        const row = byNote.get(note.id)
        const actor = touched.get(note.id)
        if (!row) {
          if (!note.body.trim()) continue
          const authorId = actor?.agentId ?? (await existingAgent(tx, ticket.workspaceId, note.authorId))
          const id = newId()
          await tx.insert(messages).values({
            id,
            workspaceId: ticket.workspaceId,
            ticketId: ticket.id,
            kind: 'note',
            authorType: 'agent',
            authorId,
            externalId: `${notePrefix}${note.id}`,
            body: note.body,
            status: 'sent',
            search: sql`to_tsvector('simple', ${segmentForIndex(note.body)})`,
            createdAt: now,
          })
          audit.push(entry(actor, 'ticket.note_added', id))
        } else if (row.body !== note.body && actor && actor.agentId !== row.authorId) {
          // A note is its author's: a colleague's change to its text is put back, never stored.
          restore.push({ id: note.id, body: row.body })
        } else if (row.body !== note.body || row.deletedAt) {
          const edited = row.body !== note.body
          await tx
            .update(messages)
            .set({
              body: note.body,
              deletedAt: null,
              search: sql`to_tsvector('simple', ${segmentForIndex(note.body)})`,
              ...(edited
                ? { editedAt: now, editHistory: [...row.editHistory, { body: row.body, replacedAt: now.toISOString() }] }
                : {}),
            })
            .where(eq(messages.id, row.id))
          audit.push(entry(actor, 'ticket.note_edited', row.id))
        }
      }
      const present = new Set(inDoc.map((note) => note.id))
      for (const [noteId, row] of byNote) {
        // Only notes this document has held: older notes made over REST are not the document's to remove.
        if (present.has(noteId) || row.deletedAt || !known.has(noteId)) continue
        await tx.update(messages).set({ deletedAt: now }).where(eq(messages.id, row.id))
        audit.push(entry(touched.values().next().value, 'ticket.note_deleted', row.id))
      }
      if (audit.length) {
        await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, ticket.id))
        await recordAudit(tx, audit, now)
      }
      return restore
    })
    if (restored.length) putBack(room.doc, restored)
  }

  return {
    flushed: async () => {
      if (timer) await new Promise((resolve) => setTimeout(resolve, settleMs + 10))
      await written
    },
  }
}

/** Puts the stored text back into notes someone other than their author changed (the server's own change). */
function putBack(doc: Y.Doc, notes: readonly { id: string; body: string }[]): void {
  doc.transact(() => {
    for (const item of notesOf(doc).toArray()) {
      if (!(item instanceof Y.Map)) continue
      const { id, body } = noteFields(item)
      const stored = notes.find((n) => n.id === id)
      if (!stored || !(body instanceof Y.Text) || body.toString() === stored.body) continue
      body.delete(0, body.length)
      body.insert(0, stored.body)
    }
  })
}

function readNotes(doc: Y.Doc): DocNote[] {
  const seen = new Set<string>()
  const notes: DocNote[] = []
  for (const item of notesOf(doc).toArray()) {
    if (!(item instanceof Y.Map)) continue
    const { id, body, authorId } = noteFields(item)
    if (typeof id !== 'string' || !noteIdPattern.test(id) || seen.has(id)) continue
    seen.add(id)
    // Any client can write any text into the document: what the database cannot hold is cleaned here, or
    // one note's NUL would fail the write of every later note of the ticket.
    const text = body instanceof Y.Text ? body.toString() : typeof body === 'string' ? body : ''
    notes.push({ id, body: storable(text), authorId })
  }
  return notes
}

/** The ids of the notes an event added or changed (its body, or the note's map). */
function touchedNotes(event: Y.YEvent<Y.AbstractType<unknown>>, notes: Y.Array<Y.Map<unknown>>): string[] {
  const idOf = (value: unknown): string[] => {
    const id = value instanceof Y.Map ? noteFields(value).id : undefined
    return typeof id === 'string' ? [id] : []
  }
  if (event.target === notes) return [...event.changes.added].flatMap((item) => item.content.getContent().flatMap(idOf))
  let type: Y.AbstractType<unknown> | null = event.target
  while (type && type.parent !== notes) type = type.parent as Y.AbstractType<unknown> | null
  return idOf(type)
}

/** A note that arrived without a known author (written while no process projected it) keeps its stated one if real. */
async function existingAgent(db: Db, workspaceId: string, authorId: unknown): Promise<string | null> {
  if (typeof authorId !== 'string' || !uuidPattern.test(authorId)) return null
  const [agent] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.id, authorId), eq(agents.workspaceId, workspaceId)))
  return agent?.id ?? null
}
