// One page of the sync stream: the tickets the actor may see that changed after the cursor, oldest change
// first, each with all its messages and its contact, so the browser's local database can upsert them whole.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { SyncPage, SyncQuery } from '../../shared/schema/sync.ts'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from '../identity/contact-view.ts'
import { withBreaches } from '../sla/ticket-breaches.ts'
import { messageColumns, toMessage } from '../tickets/message-view.ts'
import { ticketColumns, toTicket } from '../tickets/ticket-view.ts'
import { decodeSyncCursor, encodeSyncCursor, type SyncPosition, syncStart } from './sync-cursor.ts'
import { recordSightings, sightedBefore } from './ticket-sightings.ts'

/**
 * A transaction stamps changed_at when it runs but becomes visible when it commits, so a change can
 * appear behind a cursor that already passed its time. The last page of a pull therefore hands back a
 * cursor this far behind the present: recent changes come again (the client upserts, so that is harmless)
 * and a late commit is never skipped.
 */
const commitLagMs = 5_000

export async function syncPage(db: Db, actor: Actor, query: SyncQuery, now: Date): Promise<SyncPage> {
  const after = decodeSyncCursor(query.cursor)
  const found = await db
    // The cursor keeps the database's microseconds: cut to a JS Date's milliseconds, the last ticket of a
    // page would sort after its own cursor and come again.
    .select({
      ...ticketColumns,
      // Changed tickets the asker may no longer see are read too, to tell their devices to drop them.
      visible: sql<boolean>`${visibleTickets(actor)}`,
      changedAt: sql<string>`to_char(${tickets.changedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, actor.workspaceId),
        sql`(${tickets.changedAt}, ${tickets.id}) > (${after.changedAt}::timestamptz, ${after.id}::uuid)`,
      ),
    )
    .orderBy(asc(tickets.changedAt), asc(tickets.id))
    .limit(query.limit + 1)
  const scanned = found.slice(0, query.limit)
  const more = found.length > query.limit
  const page = scanned.filter((t) => t.visible)
  const ids = page.map((t) => t.id)
  const contactIds = [...new Set(page.map((t) => t.contactId))]
  const [removedTicketIds] = await Promise.all([
    sightedBefore(
      db,
      actor,
      scanned.filter((t) => !t.visible).map((t) => t.id),
      query.cursor ? after.changedAt : null,
      now,
    ),
    recordSightings(db, actor, ids),
  ])
  const [pageMessages, pageContacts] = await Promise.all([
    ids.length
      ? db.select(messageColumns).from(messages).where(inArray(messages.ticketId, ids)).orderBy(asc(messages.createdAt))
      : [],
    contactIds.length ? db.select(contactColumns).from(contacts).where(inArray(contacts.id, contactIds)) : [],
  ])
  const last = scanned.at(-1)
  let next: SyncPosition = last ? { changedAt: last.changedAt, id: last.id } : after
  if (!more) next = earlier(next, new Date(now.getTime() - commitLagMs).toISOString())
  return {
    tickets: await withBreaches(
      db,
      page.map((row) => toTicket(row)),
    ),
    messages: pageMessages.map(toMessage),
    contacts: pageContacts.map(toContact),
    removedTicketIds,
    cursor: encodeSyncCursor(next),
    more,
  }
}

function earlier(position: SyncPosition, time: string): SyncPosition {
  return Date.parse(position.changedAt) <= Date.parse(time) ? position : { ...syncStart, changedAt: time }
}
