// One contact with every identity and every ticket of theirs the actor may see, on any channel.
import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Db } from '../db/create-db.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { tickets } from '../db/schema/tickets.ts'
import type { Actor } from '../http/app-env.ts'
import { ticketColumns, toTicket } from '../tickets/ticket-view.ts'
import { visibleTickets } from '../tickets/ticket-visibility.ts'
import { type ContactRow, contactColumns, toContact } from './contact-view.ts'

export async function findContact(db: Db, workspaceId: string, contactId: string): Promise<ContactRow> {
  const [row] = uuidPattern.test(contactId)
    ? await db
        .select(contactColumns)
        .from(contacts)
        .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId), isNull(contacts.mergedIntoId)))
    : []
  if (!row) throw new AppError('not_found', `No contact ${contactId}.`)
  return row
}

export async function getContact(db: Db, actor: Actor, contactId: string) {
  const contact = await findContact(db, actor.workspaceId, contactId)
  const identities = await db
    .select({ kind: contactIdentities.kind, value: contactIdentities.value })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, contact.id))
    .orderBy(asc(contactIdentities.createdAt))
  const theirTickets = await db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.contactId, contact.id), visibleTickets(actor)))
    .orderBy(desc(tickets.lastMessageAt))
    .limit(500)
  return { contact: toContact(contact), identities, tickets: theirTickets.map((row) => toTicket(row)) }
}
