// One contact with every identity and every ticket of theirs the actor may see, on any channel.
import { and, asc, desc, eq } from 'drizzle-orm'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contactIdentities } from '../db/schema/contacts.ts'
import { tickets } from '../db/schema/tickets.ts'
import { toContact } from '../identity/contact-view.ts'
import { findContact } from '../identity/find-contact.ts'
import { ticketColumns, toTicket } from './ticket-view.ts'

export async function getContact(db: Db, actor: Actor, contactId: string) {
  const contact = await findContact(db, actor, contactId)
  const identities = await db
    .select({ id: contactIdentities.id, kind: contactIdentities.kind, value: contactIdentities.value })
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
