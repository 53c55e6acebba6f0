// Where mail to a ticket's customer goes: the address they wrote from on that ticket (a mail's sender, the
// email given in a form or a chat), as its stored delivery names it, not whatever the contact holds now.
// A merge or an identity added by hand changes a profile; it never redirects a conversation's answers.
// Only a ticket none of whose messages carried an address (a chat visitor who gave it later) uses the
// contact's.
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { contacts } from '../../db/schema/contacts.ts'
import { inboundEvents } from '../../db/schema/inbound-events.ts'
import { messages } from '../../db/schema/messages.ts'
import { storedDeliveryOf } from './stored-delivery.ts'

export async function customerEmail(
  db: Db,
  ticket: { id: string; contactId: string },
  channelId: string,
): Promise<string | null> {
  const given = sql<
    string | null
  >`(select i ->> 'value' from jsonb_array_elements(${inboundEvents.payload} #> '{message,contact,identities}') i
    where i ->> 'kind' = 'email' limit 1)`
  const [latest] = await db
    .select({ email: given })
    .from(messages)
    .innerJoin(inboundEvents, storedDeliveryOf(channelId))
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.direction, 'inbound'), sql`${given} is not null`))
    .orderBy(desc(messages.createdAt))
    .limit(1)
  if (latest?.email) return latest.email
  const [contact] = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, ticket.contactId))
  return contact?.email ?? null
}
