// The tenant. Every other table carries workspace_id (the distribution key when sharded).
import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import type { WorkspaceSettings } from '../../../shared/schema/guidelines.ts'
import { createdAt } from './columns.ts'

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The last human-friendly ticket number handed out in this workspace. */
  ticketSeq: integer('ticket_seq').notNull().default(0),
  /** What admins set for the whole workspace (the reply guidelines); each channel's own are in its config. */
  settings: jsonb('settings').$type<WorkspaceSettings>().notNull().default({}),
  createdAt: createdAt(),
})
