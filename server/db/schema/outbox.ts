// Outbound sends waiting for the dispatcher; written in the same transaction as their message.
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { channels } from './channels.ts'
import { createdAt, id, time, workspaceId } from './columns.ts'
import { messages } from './messages.ts'

export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    workspaceId: workspaceId(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    idempotencyKey: text('idempotency_key'),
    /** What to send, decided when the reply was accepted (recipient, mode, template). */
    request: jsonb('request').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['pending', 'sending', 'done', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: time('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_key').on(t.workspaceId, t.idempotencyKey),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
)
