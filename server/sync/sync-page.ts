// One page of the sync stream: the tickets the actor may see that changed after the cursor, in the order
// of the transactions that changed them, each with all its messages and its contact, so the browser's
// local database can upsert them whole. Positions are database snapshots (server/db/commit-snapshot.ts):
// a transaction that commits after a cursor was handed out comes in the next pull however long it ran,
// and what the cursor's snapshot saw does not come again.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { SyncPage, SyncQuery } from '../../shared/schema/sync.ts'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import { type CommitSnapshot, changedAfter, currentSnapshot } from '../db/commit-snapshot.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from '../identity/contact-view.ts'
import { withBreaches } from '../sla/ticket-breaches.ts'
import { messageColumns, toMessage } from '../tickets/message-view.ts'
import { ticketColumns, toTicket } from '../tickets/ticket-view.ts'
import { decodeSyncCursor, encodeSyncCursor, type Held, type SyncCursor } from './sync-cursor.ts'
import { recordSightings, sightedBefore } from './ticket-sightings.ts'

/** A page's tickets, messages and contacts are read in one snapshot, the one the cursor hands on. */
export const consistentRead = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const

export async function syncPage(db: Db, actor: Actor, query: SyncQuery, now: Date): Promise<SyncPage> {
  const asked = decodeSyncCursor(query.cursor)
  const read = await db.transaction(async (tx) => {
    const present = await currentSnapshot(tx)
    const cursor = fromThisDatabase(asked, present)
    const found = await tx
      .select({
        ...ticketColumns,
        // Changed tickets the asker may no longer see are read too, to tell their devices to drop them.
        visible: sql<boolean>`${visibleTickets(actor)}`,
        xid: sql<string>`${tickets.changedXid}::text`,
      })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, actor.workspaceId), ...changedSince(cursor)))
      .orderBy(asc(tickets.changedXid), asc(tickets.id))
      .limit(query.limit + 1)
    const scanned = found.slice(0, query.limit)
    const page = scanned.filter((t) => t.visible)
    const ids = page.map((t) => t.id)
    const contactIds = [...new Set(page.map((t) => t.contactId))]
    const [pageMessages, pageContacts, pageTickets] = await Promise.all([
      ids.length
        ? tx.select(messageColumns).from(messages).where(inArray(messages.ticketId, ids)).orderBy(asc(messages.createdAt))
        : [],
      contactIds.length ? tx.select(contactColumns).from(contacts).where(inArray(contacts.id, contactIds)) : [],
      withBreaches(
        tx,
        page.map((row) => toTicket(row)),
      ),
    ])
    return { cursor, present, scanned, more: found.length > query.limit, pageMessages, pageContacts, pageTickets }
  }, consistentRead)
  const { cursor, scanned, more } = read
  const ids = read.pageTickets.map((t) => t.id)
  const [removedTicketIds] = await Promise.all([
    sightedBefore(
      db,
      actor,
      scanned.filter((t) => !t.visible).map((t) => t.id),
      cursor.held.kind === 'nothing' ? null : cursor.held.at,
      now,
    ),
    recordSightings(db, actor, ids),
  ])
  // A pull ends at the snapshot its first page read in: what committed while its later pages were read
  // comes again in the next pull (at worst a few rows twice), never not at all.
  const upTo = cursor.page?.upTo ?? read.present
  const upToAt = cursor.page?.upToAt ?? now.toISOString()
  const last = scanned.at(-1)
  const next: SyncCursor =
    more && last
      ? { held: cursor.held, page: { xid: last.xid, id: last.id, upTo, upToAt } }
      : { held: { kind: 'snapshot', snapshot: upTo, at: upToAt } }
  return {
    tickets: read.pageTickets,
    messages: read.pageMessages.map(toMessage),
    contacts: read.pageContacts.map(toContact),
    removedTicketIds,
    cursor: encodeSyncCursor(next),
    more,
  }
}

function changedSince(cursor: SyncCursor): SQL[] {
  const where: SQL[] = []
  if (cursor.held.kind === 'snapshot') where.push(changedAfter(tickets.changedXid, cursor.held.snapshot))
  // An old cursor's time already lay a few seconds behind what its device held (it was handed out so).
  if (cursor.held.kind === 'time') where.push(sql`${tickets.changedAt} >= ${cursor.held.time}::timestamptz`)
  if (cursor.page) where.push(sql`(${tickets.changedXid}, ${tickets.id}) > (${cursor.page.xid}::xid8, ${cursor.page.id}::uuid)`)
  return where
}

/**
 * A cursor ahead of the database (one kept across a restore from a backup, whose transaction ids start
 * lower again) would skip every change until the ids caught up: its device starts afresh instead.
 */
function fromThisDatabase(cursor: SyncCursor, present: CommitSnapshot): SyncCursor {
  const ahead = (s: CommitSnapshot) => s.xmax > present.xmax
  const held: Held = cursor.held
  if ((held.kind === 'snapshot' && ahead(held.snapshot)) || (cursor.page && ahead(cursor.page.upTo))) {
    return { held: { kind: 'nothing' } }
  }
  return cursor
}
