// Channels: a connected page, number, mailbox, chat widget or web form.
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id, workspaceId } from './columns.ts'

export const channels = pgTable('channels', {
  id: id(),
  workspaceId: workspaceId(),
  kind: text('kind', { enum: ['messenger', 'instagram', 'whatsapp', 'email', 'chat', 'form'] }).notNull(),
  name: text('name').notNull(),
  /** The config without secrets. */
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  /** The secret part of the config, AES-256-GCM encrypted (server/security/secret-box.ts). */
  secrets: text('secrets'),
  createdAt: createdAt(),
})
