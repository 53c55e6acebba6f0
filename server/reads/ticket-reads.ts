// The signed-in agent's read marks (server/db/schema/ticket-reads.ts): only tickets they may see.
import { and, eq, sql } from 'drizzle-orm'
import type { TicketRead } from '../../shared/schema/ticket-read.ts'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { ticketReads } from '../db/schema/ticket-reads.ts'
import { tickets } from '../db/schema/tickets.ts'
import { findVisibleTicket } from '../tickets/get-ticket.ts'

export async function listReads(db: Db, actor: Actor): Promise<TicketRead[]> {
  const rows = await db
    .select({ ticketId: ticketReads.ticketId, seenAt: ticketReads.seenAt })
    .from(ticketReads)
    .innerJoin(tickets, eq(tickets.id, ticketReads.ticketId))
    .where(and(eq(ticketReads.agentId, actor.agentId), visibleTickets(actor)))
  return rows.map((r) => ({ ticketId: r.ticketId, seenAt: r.seenAt?.toISOString() ?? null }))
}

/** Marks the ticket read (up to its last message, or now if later) or unread. 404 for a ticket out of sight. */
export async function setRead(db: Db, actor: Actor, ticketId: string, read: boolean, now: Date): Promise<TicketRead> {
  const ticket = await findVisibleTicket(db, actor, ticketId)
  const seenAt = read ? new Date(Math.max(now.getTime(), ticket.lastMessageAt.getTime())) : null
  await db
    .insert(ticketReads)
    .values({ agentId: actor.agentId, ticketId: ticket.id, seenAt })
    .onConflictDoUpdate({ target: [ticketReads.agentId, ticketReads.ticketId], set: { seenAt: sql`excluded.seen_at` } })
  return { ticketId: ticket.id, seenAt: seenAt?.toISOString() ?? null }
}
