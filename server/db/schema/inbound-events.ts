// Raw inbound deliveries, stored before the sender gets its 2xx; unique per (channel, external id).
// `processed`: ingested. `pending`: stored, its ingest failed, retried at `next_attempt_at` (with backoff).
// `failed`: retried until the attempts ran out; kept for an admin to see and retry. A redelivery of a
// pending or failed event is ingested, never answered as a duplicate.
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { inboundEventStatuses } from '../../../shared/schema/inbound-event.ts'
import { channels } from './channels.ts'
import { createdAt, id, time, workspaceId } from './columns.ts'

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
    status: text('status', { enum: inboundEventStatuses }).notNull(),
    error: text('error'),
    /** Failed ingests of this event so far. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: time('next_attempt_at'),
    ticketId: uuid('ticket_id'),
    messageId: uuid('message_id'),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('inbound_events_external_key').on(t.channelId, t.externalId),
    index('inbound_events_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('inbound_events_message_idx').on(t.messageId).where(sql`${t.messageId} is not null`),
    index('inbound_events_unprocessed_idx').on(t.workspaceId, t.receivedAt).where(sql`${t.status} <> 'processed'`),
  ],
)
