// Writes one sync page (or one ticket's detail) into the local database in one transaction, each table
// in one statement fed by a single JSON parameter, so a page of 500 tickets is three statements.
import type { Contact } from '../../../shared/schema/contact.ts'
import type { Message } from '../../../shared/schema/message.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'
import type { LocalDb } from './local-db.ts'

export interface LocalRows {
  tickets: Ticket[]
  messages: Message[]
  contacts: Contact[]
  /** Tickets the agent may no longer see: they leave this device. */
  removedTicketIds?: string[]
}

/** Stores the rows, and the sync cursor after them when given, in one transaction (one write-through). */
export async function storeRows(db: LocalDb, rows: LocalRows, cursor?: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (cursor) {
      await tx.query(
        `insert into meta (key, value) values ('sync_cursor', $1) on conflict (key) do update set value = excluded.value`,
        [cursor],
      )
    }
    if (rows.removedTicketIds?.length) {
      const removed = JSON.stringify(rows.removedTicketIds)
      await tx.query('delete from messages where ticket_id in (select jsonb_array_elements_text($1::jsonb))', [removed])
      await tx.query('delete from tickets where id in (select jsonb_array_elements_text($1::jsonb))', [removed])
    }
    if (rows.contacts.length) {
      await tx.query(
        `insert into contacts (id, name, data)
         select c->>'id', c->>'name', c from jsonb_array_elements($1::jsonb) c
         on conflict (id) do update set name = excluded.name, data = excluded.data`,
        [JSON.stringify(rows.contacts)],
      )
    }
    if (rows.tickets.length) {
      await tx.query(
        `insert into tickets (id, data, number, priority, priority_score, waiting_since, status, channel_kind, assignee_id,
                              team_id, tags, contact_id, contact_name, subject, preview, last_message_at)
         select t->>'id', t, (t->>'number')::int, t->>'priority', (t->>'priorityScore')::float8,
                -- Waiting: never answered, our last reply failed, or the customer wrote after the first
                -- answer and (where an SLA runs) a next reply is due.
                case when t->>'firstResponseAt' is null then coalesce(t->>'lastCustomerMessageAt', t->>'createdAt')::timestamptz
                     when t->>'replyFailedAt' is not null then coalesce(t->>'lastCustomerMessageAt', t->>'replyFailedAt')::timestamptz
                     when (t->>'lastCustomerMessageAt')::timestamptz > (t->>'firstResponseAt')::timestamptz
                          and (t->'sla' is null or jsonb_typeof(t->'sla') = 'null' or t->'sla'->>'nextReplyDueAt' is not null)
                     then (t->>'lastCustomerMessageAt')::timestamptz end,
                t->>'status', t->>'channelKind', t->>'assigneeId', t->>'teamId', t->'tags', t->>'contactId',
                (select name from contacts where id = t->>'contactId'), t->>'subject', t->>'lastMessagePreview',
                (t->>'lastMessageAt')::timestamptz
         from jsonb_array_elements($1::jsonb) t
         on conflict (id) do update set data = excluded.data, number = excluded.number, priority = excluded.priority,
           priority_score = excluded.priority_score, waiting_since = excluded.waiting_since,
           status = excluded.status, channel_kind = excluded.channel_kind,
           assignee_id = excluded.assignee_id, team_id = excluded.team_id, tags = excluded.tags,
           contact_id = excluded.contact_id, contact_name = excluded.contact_name, subject = excluded.subject,
           preview = excluded.preview, last_message_at = excluded.last_message_at`,
        [JSON.stringify(rows.tickets)],
      )
    }
    if (rows.messages.length) {
      await tx.query(
        `insert into messages (id, ticket_id, created_at, body, data)
         select m->>'id', m->>'ticketId', (m->>'createdAt')::timestamptz, m->>'body', m
         from jsonb_array_elements($1::jsonb) m
         on conflict (id) do update set body = excluded.body, data = excluded.data`,
        [JSON.stringify(rows.messages)],
      )
    }
  })
}
