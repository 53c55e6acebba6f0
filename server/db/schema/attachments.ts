// Files customers sent, stored with the message: WhatsApp's media URLs expire after minutes, so the
// bytes are fetched when the message arrives. Kept in the database, so every server node can serve them.
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { bytea, createdAt, id, workspaceId } from './columns.ts'
import { messages } from './messages.ts'

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    workspaceId: workspaceId(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name'),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId)],
)
