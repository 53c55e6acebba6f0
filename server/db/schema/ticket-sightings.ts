// Which tickets the sync has sent to an agent's devices, so a ticket that later leaves the agent's sight
// is reported to the devices that hold it (removedTicketIds) and to nobody else.
import { pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { agents } from './agents.ts'
import { time } from './columns.ts'
import { tickets } from './tickets.ts'

export const ticketSightings = pgTable(
  'ticket_sightings',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** When the sync first reported the ticket gone from the agent's sight (the database's clock); null while in sight. */
    removedAt: time('removed_at'),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.ticketId] })],
)
