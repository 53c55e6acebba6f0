// Which tickets each agent has read, kept on the server so every browser of the agent shows the same
// unread marks. A ticket is unread for an agent with no row, or when it changed after `seenAt`; marking
// it unread sets `seenAt` to null.
import { pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { agents } from './agents.ts'
import { time } from './columns.ts'
import { tickets } from './tickets.ts'

export const ticketReads = pgTable(
  'ticket_reads',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    seenAt: time('seen_at'),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.ticketId] })],
)
