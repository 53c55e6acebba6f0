// Message templates of a WhatsApp channel: the only messages allowed outside the 24-hour window.
import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { templateStatuses } from '../../../shared/schema/reply.ts'
import { channels } from './channels.ts'
import { createdAt, id, workspaceId } from './columns.ts'

export const templates = pgTable(
  'templates',
  {
    id: id(),
    workspaceId: workspaceId(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    name: text('name').notNull(),
    language: text('language').notNull(),
    /** The approved text, with {{1}}, {{2}}… where the parameters go. */
    body: text('body').notNull(),
    /** Meta's review of it (message_template_status_update); only an approved template can be chosen. */
    status: text('status', { enum: templateStatuses }).notNull().default('approved'),
    /** Meta's category (marketing, utility, authentication); null for one added by hand. */
    category: text('category'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('templates_name_key').on(t.channelId, t.name, t.language)],
)
