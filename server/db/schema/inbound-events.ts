// Raw inbound deliveries, stored before the sender gets its 2xx; unique per (channel, external id).
import { jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { channels } from './channels.ts'
import { createdAt, id, workspaceId } from './columns.ts'

export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: id(),
    workspaceId: workspaceId(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    externalId: text('external_id').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['processed', 'failed'] }).notNull(),
    error: text('error'),
    ticketId: uuid('ticket_id'),
    messageId: uuid('message_id'),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('inbound_events_external_key').on(t.channelId, t.externalId)],
)
