// Everything said on a ticket: customer and agent messages, internal notes, and events.
import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { channelKinds } from '../../../shared/schema/common.ts'
import type { Attachment, EditedVersion, MailAddresses, Reaction } from '../../../shared/schema/message.ts'
import { createdAt, id, time, tsvector, workspaceId, xid8 } from './columns.ts'
import { tickets } from './tickets.ts'

export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: workspaceId(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    kind: text('kind', { enum: ['message', 'note', 'event'] }).notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }),
    channelKind: text('channel_kind', { enum: channelKinds }),
    externalId: text('external_id'),
    authorType: text('author_type', { enum: ['contact', 'agent', 'system'] }).notNull(),
    authorId: uuid('author_id'),
    body: text('body').notNull(),
    html: text('html'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    status: text('status', { enum: ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] }).notNull(),
    error: text('error'),
    /** The channel's id of the message this one answers or quotes. */
    replyToExternalId: text('reply_to_external_id'),
    /** Sent by the helpdesk on its own (a welcome or away message), not by a person. */
    automatic: boolean('automatic').notNull().default(false),
    /** The customer unsent it; the row stays, marked. */
    deletedAt: time('deleted_at'),
    /** The sender edited it: body is the latest text, editHistory the texts it replaced, oldest first. */
    editedAt: time('edited_at'),
    editHistory: jsonb('edit_history').$type<EditedVersion[]>().notNull().default([]),
    /** Emoji reactions to it, at most one per side (the customer, the business). */
    reactions: jsonb('reactions').$type<Reaction[]>().notNull().default([]),
    /** Email messages: From, To and Cc as the headers said. */
    mail: jsonb('mail').$type<MailAddresses>(),
    search: tsvector('search'),
    /** When the customer sent it, as the channel timestamps it (when believable; else when it arrived). */
    createdAt: createdAt(),
    /** When the helpdesk received it (inbound messages): news that comes late shows as late. */
    receivedAt: time('received_at'),
    /** A private reply to a public comment: the comment it answers (Meta allows one per comment). */
    privateReplyTo: text('private_reply_to'),
    /** The transaction that last wrote the row: the live push sends the messages a commit wrote. Kept by a trigger. */
    changedXid: xid8('changed_xid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('messages_ticket_idx').on(t.ticketId, t.createdAt),
    index('messages_search_idx').using('gin', t.search),
    index('messages_changed_xid_idx').on(t.changedXid),
    index('messages_external_idx').on(t.workspaceId, t.externalId).where(sql`${t.externalId} is not null`),
  ],
)
