// Whether colleagues may see a ticket (a mention carries a note's text to them), by the one predicate.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { tickets } from '../db/schema/tickets.ts'
import { type Viewer, visibleTickets } from './ticket-visibility.ts'

/** The viewers (at most a mention's few) who may not see the ticket. */
export async function viewersBlindTo<V extends Viewer>(db: Db, ticketId: string, viewers: readonly V[]): Promise<V[]> {
  const sees = await Promise.all(
    viewers.map(async (viewer) => {
      const [row] = await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.id, ticketId), visibleTickets(viewer)))
      return Boolean(row)
    }),
  )
  return viewers.filter((_, i) => !sees[i])
}
