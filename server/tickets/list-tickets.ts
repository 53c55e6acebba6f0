// The inbox: tickets the actor may see, newest activity first, filtered, searched and paged by cursor.
import { and, arrayContains, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import type { Contact } from '../../shared/schema/contact.ts'
import type { Ticket, TicketListQuery } from '../../shared/schema/ticket.ts'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from '../identity/contact-view.ts'
import { ticketSearchCondition } from '../search/ticket-search.ts'
import { withBreaches } from '../sla/ticket-breaches.ts'
import { decodePriorityCursor, encodePriorityCursor } from './priority-cursor.ts'
import { decodeTicketCursor, encodeTicketCursor } from './ticket-cursor.ts'
import { ticketColumns, toTicket } from './ticket-view.ts'
import { snoozed, ticketViewCondition } from './ticket-views.ts'

/**
 * Newest activity first. NULLS LAST as the inbox indexes are built (tickets_inbox_idx, ...): both columns
 * are NOT NULL, so the rows come in the same order, but a plain DESC means NULLS FIRST, which the planner
 * does not match to those indexes, and then every page sorts all the tickets its filter selects.
 */
const inboxOrder = [sql`${tickets.lastMessageAt} desc nulls last`, sql`${tickets.id} desc nulls last`]
/** Most urgent first (the waiting time is part of the score), as tickets_priority_idx is built. */
const byPriority = [sql`${tickets.priorityScore} desc nulls last`, sql`${tickets.id} desc nulls last`]

export async function listTickets(
  db: Db,
  actor: Actor,
  query: TicketListQuery,
  now: Date,
): Promise<{ items: Ticket[]; nextCursor: string | null; contacts?: Contact[] }> {
  const conditions: (SQL | undefined)[] = [visibleTickets(actor)]
  if (query.status) conditions.push(eq(tickets.status, query.status))
  if (query.channel) conditions.push(eq(tickets.channelKind, query.channel))
  if (query.channelId) conditions.push(eq(tickets.channelId, query.channelId))
  if (query.assigneeId) {
    conditions.push(query.assigneeId === 'none' ? isNull(tickets.assigneeId) : eq(tickets.assigneeId, query.assigneeId))
  }
  if (query.teamId) conditions.push(query.teamId === 'none' ? isNull(tickets.teamId) : eq(tickets.teamId, query.teamId))
  if (query.tag) conditions.push(arrayContains(tickets.tags, [query.tag]))
  if (query.contactId) conditions.push(eq(tickets.contactId, query.contactId))
  if (query.cursor && query.sort === 'priority') {
    const cursor = decodePriorityCursor(query.cursor)
    conditions.push(sql`(${tickets.priorityScore}, ${tickets.id}) < (${cursor.priorityScore}::real, ${cursor.id}::uuid)`)
  } else if (query.cursor) {
    const cursor = decodeTicketCursor(query.cursor)
    conditions.push(sql`(${tickets.lastMessageAt}, ${tickets.id}) < (${cursor.lastMessageAt}::timestamptz, ${cursor.id}::uuid)`)
  }
  if (query.view) conditions.push(ticketViewCondition(query.view, now, query.stalledHours))
  if (query.view !== 'snoozed') conditions.push(sql`not ${snoozed}`)
  if (query.q) {
    const matching = await ticketSearchCondition(db, actor.workspaceId, query.q)
    if (matching) conditions.push(matching)
  }

  const priorityOrder = query.sort === 'priority'
  const found = await db
    .select(ticketColumns)
    .from(tickets)
    .where(and(...conditions))
    .orderBy(...(priorityOrder ? byPriority : inboxOrder))
    .limit(query.limit + 1)
  const page = found.slice(0, query.limit)
  const last = page.at(-1)
  const more = found.length > query.limit && last
  const nextCursor = more ? (priorityOrder ? encodePriorityCursor(last) : encodeTicketCursor(last)) : null
  const contactIds = [...new Set(page.map((row) => row.contactId))]
  const [items, pageContacts] = await Promise.all([
    withBreaches(
      db,
      page.map((row) => toTicket(row)),
    ),
    query.include === 'contacts' && contactIds.length
      ? db.select(contactColumns).from(contacts).where(inArray(contacts.id, contactIds))
      : null,
  ])
  return { items, nextCursor, ...(query.include === 'contacts' ? { contacts: (pageContacts ?? []).map(toContact) } : {}) }
}
