// Replies the business wrote on a public comment outside the helpdesk (on Facebook, on Instagram, in
// another tool) name no customer, only the comment they answer. Each is given the customer of that
// comment's ticket, so threading puts it on that ticket. A reply to a comment we never stored has no
// ticket to go to: it is left out of the messages (its raw event stays in inbound_events).
import { sql } from 'drizzle-orm'
import type { InboundMessage } from '../channels/inbound-message.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { rows } from '../db/rows.ts'
import { contactIdentities } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'

/** A message of the business that names no customer, only what it answers. */
export const needsCustomer = (m: InboundMessage) =>
  m.direction === 'outbound' && m.contact.identities.length === 0 && m.replyToExternalId !== null

/** Each reply with its customer filled in, or null for a reply whose comment has no ticket. */
export async function findReplyCustomers(db: Db, batch: readonly InboundMessage[]): Promise<(InboundMessage | null)[]> {
  const wanted = batch.flatMap((m, i) =>
    needsCustomer(m) ? [{ i, w: m.workspaceId, ch: m.channelId, x: m.replyToExternalId }] : [],
  )
  if (!wanted.length) return [...batch]
  const found = await rows<{ i: number; kind: InboundMessage['contact']['identities'][number]['kind']; value: string }>(
    db,
    sql`select distinct on (v.i) v.i, ci.kind, ci.value
        from ${jsonRecords(wanted, 'i int, w uuid, ch uuid, x text')}
        join ${messages} m on m.workspace_id = v.w and m.external_id = v.x
        join ${tickets} t on t.id = m.ticket_id and t.channel_id = v.ch
        join ${contactIdentities} ci on ci.contact_id = t.contact_id and ci.kind = t.channel_kind
        order by v.i, ci.created_at`,
  )
  const identityOf = new Map(found.map((f) => [f.i, { kind: f.kind, value: f.value }]))
  return batch.map((m, i) => {
    if (!needsCustomer(m)) return m
    const identity = identityOf.get(i)
    return identity ? { ...m, contact: { ...m.contact, identities: [identity] } } : null
  })
}
