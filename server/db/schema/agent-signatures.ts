// Each agent's signature per channel: appended to their replies on that channel (email ones shown in the
// composer before sending). No row: no signature.
import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { agents } from './agents.ts'
import { channels } from './channels.ts'
import { time } from './columns.ts'

export const agentSignatures = pgTable(
  'agent_signatures',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.channelId] })],
)
