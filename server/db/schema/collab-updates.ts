// The shared document of each ticket (draft, notes, assignment) as the Yjs updates that built it, in
// order; loading a document applies them. Compaction merges them into one row.
import { bigserial, index, pgTable, uuid } from 'drizzle-orm/pg-core'
import { bytea, createdAt, workspaceId } from './columns.ts'
import { tickets } from './tickets.ts'

export const collabUpdates = pgTable(
  'collab_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: workspaceId(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    update: bytea('update').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('collab_updates_ticket_idx').on(t.ticketId, t.id)],
)
