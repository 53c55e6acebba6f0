// Channels: a connected page, number, mailbox, chat widget or web form.
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { channelKinds } from '../../../shared/schema/common.ts'
import { createdAt, id, workspaceId } from './columns.ts'

export const channels = pgTable('channels', {
  id: id(),
  workspaceId: workspaceId(),
  kind: text('kind', { enum: channelKinds }).notNull(),
  name: text('name').notNull(),
  /** The config without secrets. */
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  /** The secret part of the config, AES-256-GCM encrypted (server/security/secret-box.ts). */
  secrets: text('secrets'),
  createdAt: createdAt(),
})
