// What the live push reads after commits: every ticket and message changed since its last snapshot (in
// any workspace), the tickets' contacts and SLA breaches, and which of the agents with a stream open may
// see each ticket, all in one snapshot, so the next read starts exactly where this one ends. A batch too
// large to push (a bulk change) is read no further than the limits: the streams are told to pull instead.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import type { Contact } from '../../shared/schema/contact.ts'
import type { Message } from '../../shared/schema/message.ts'
import type { Ticket } from '../../shared/schema/ticket.ts'
import { visibleToViewers } from '../access/ticket-visibility.ts'
import { type CommitSnapshot, changedAfter, currentSnapshot } from '../db/commit-snapshot.ts'
import type { Db } from '../db/create-db.ts'
import { agents } from '../db/schema/agents.ts'
import { contacts } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { ticketSightings } from '../db/schema/ticket-sightings.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from '../identity/contact-view.ts'
import { withBreaches } from '../sla/ticket-breaches.ts'
import { messageColumns, toMessage } from '../tickets/message-view.ts'
import { ticketColumns, toTicket } from '../tickets/ticket-view.ts'
import { consistentRead } from './sync-page.ts'

/** Past these a batch is not pushed: the streams pull it in pages. */
export const pushLimits = { tickets: 100, messages: 500 }

/** One viewer's sight of one changed ticket, with the viewer's role as it is now. */
export interface Sight {
  agentId: string
  role: string
  ticketId: string
  visible: boolean
  /** The ticket was sent to this agent once (a device of theirs may hold it). */
  sighted: boolean
  /** …and is recorded as still in their sight (nothing to record when it is sent again). */
  held: boolean
}

export interface PushBatch {
  /** Where the next read starts. */
  snapshot: CommitSnapshot
  /** Too much changed to push: streams pull instead. */
  overflow: boolean
  /** Changed tickets, in the order of their changes, with their workspace. */
  tickets: { ticket: Ticket; workspaceId: string }[]
  /** Messages the batch's transactions wrote, by ticket id, oldest first. */
  messages: Map<string, Message[]>
  contacts: Map<string, Contact>
  sights: Sight[]
}

/** 1 when the ticket was sent to the agent and reported gone since, 0 while it is held, null if never sent. */
const sighting = sql`(select case when ${ticketSightings.removedAt} is null then 0 else 1 end from ${ticketSightings} where ${ticketSightings.agentId} = ${agents.id} and ${ticketSightings.ticketId} = ${tickets.id})`

export async function readPushBatch(db: Db, since: CommitSnapshot, viewerIds: readonly string[]): Promise<PushBatch> {
  return db.transaction(async (tx) => {
    const messageChanged = changedAfter(messages.changedXid, since)
    // Sent together (one round trip on PostgreSQL), read in the transaction's one snapshot.
    const [snapshot, changedMessages, changedTickets] = await Promise.all([
      currentSnapshot(tx),
      tx
        .select(messageColumns)
        .from(messages)
        .where(messageChanged)
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(pushLimits.messages + 1),
      tx
        .select({ ...ticketColumns, workspaceId: tickets.workspaceId })
        .from(tickets)
        .where(
          or(
            changedAfter(tickets.changedXid, since),
            inArray(tickets.id, tx.select({ id: messages.ticketId }).from(messages).where(messageChanged)),
          ),
        )
        .orderBy(asc(tickets.changedXid), asc(tickets.id))
        .limit(pushLimits.tickets + 1),
    ])
    const empty: PushBatch = { snapshot, overflow: false, tickets: [], messages: new Map(), contacts: new Map(), sights: [] }
    if (changedMessages.length > pushLimits.messages || changedTickets.length > pushLimits.tickets) {
      return { ...empty, overflow: true }
    }
    if (!changedTickets.length) return empty
    const ids = changedTickets.map((t) => t.id)
    const [withSla, contactRows, sights] = await Promise.all([
      withBreaches(
        tx,
        changedTickets.map((row) => toTicket(row)),
      ),
      tx
        .select(contactColumns)
        .from(contacts)
        .where(inArray(contacts.id, [...new Set(changedTickets.map((t) => t.contactId))])),
      viewerIds.length
        ? tx
            .select({
              agentId: agents.id,
              role: agents.role,
              ticketId: tickets.id,
              visible: sql<boolean>`coalesce(${visibleToViewers({ role: agents.role, agentId: agents.id })}, false)`,
              sighted: sql<boolean>`${sighting} is not null`,
              held: sql<boolean>`${sighting} = 0`,
            })
            .from(agents)
            .innerJoin(tickets, and(eq(tickets.workspaceId, agents.workspaceId), inArray(tickets.id, ids)))
            .where(inArray(agents.id, [...viewerIds]))
        : [],
    ])
    const byTicket = new Map<string, Message[]>()
    for (const row of changedMessages) {
      const list = byTicket.get(row.ticketId) ?? []
      list.push(toMessage(row))
      byTicket.set(row.ticketId, list)
    }
    return {
      snapshot,
      overflow: false,
      tickets: withSla.map((ticket, i) => ({ ticket, workspaceId: changedTickets[i]!.workspaceId })),
      messages: byTicket,
      contacts: new Map(contactRows.map((row) => [row.id, toContact(row)])),
      sights,
    }
  }, consistentRead)
}
