// One ticket with its contact and every message (notes and events included), oldest first.
import { and, asc, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from '../identity/contact-view.ts'
import { ticketBreaches } from '../sla/ticket-breaches.ts'
import { messageColumns, toMessage } from './message-view.ts'
import { type TicketRow, ticketColumns, toTicket } from './ticket-view.ts'

/** The ticket row if the actor may see it; 404 otherwise (never revealing that it exists). */
export async function findVisibleTicket(db: Db, actor: Actor, ticketId: string): Promise<TicketRow> {
  const [row] = uuidPattern.test(ticketId)
    ? await db
        .select(ticketColumns)
        .from(tickets)
        .where(and(eq(tickets.id, ticketId), visibleTickets(actor)))
    : []
  if (!row) throw new AppError('not_found', `No ticket ${ticketId}.`)
  return row
}

/** The ticket row for the server's own work (automatic messages), with no actor to check. */
export async function findVisibleTicketAsSystem(db: Db, ticketId: string): Promise<TicketRow> {
  const [row] = await db.select(ticketColumns).from(tickets).where(eq(tickets.id, ticketId))
  if (!row) throw new AppError('not_found', `No ticket ${ticketId}.`)
  return row
}

export async function getTicket(db: Db, actor: Actor, ticketId: string) {
  const ticket = await findVisibleTicket(db, actor, ticketId)
  const [contact] = await db.select(contactColumns).from(contacts).where(eq(contacts.id, ticket.contactId))
  const thread = await db
    .select(messageColumns)
    .from(messages)
    .where(eq(messages.ticketId, ticket.id))
    .orderBy(asc(messages.createdAt), asc(messages.id))
  if (!contact) throw new Error(`Ticket ${ticket.id} has no contact`)
  const breaches = await ticketBreaches(db, [ticket.id])
  return { ticket: toTicket(ticket, breaches.get(ticket.id)), contact: toContact(contact), messages: thread.map(toMessage) }
}
