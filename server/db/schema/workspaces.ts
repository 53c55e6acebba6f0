// The tenant. Every other table carries workspace_id (the distribution key when sharded).
import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The last human-friendly ticket number handed out in this workspace. */
  ticketSeq: integer('ticket_seq').notNull().default(0),
  createdAt: createdAt(),
})
