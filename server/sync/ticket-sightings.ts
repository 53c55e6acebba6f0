// Which of the tickets that left an agent's sight their devices may hold. The sync records every ticket
// and the live push send to an agent; a ticket that then changes out of their sight is reported
// (removedTicketIds) only if it was sent to them, so a device never learns the ids, count or activity of
// other teams' tickets. Once reported it is marked, and reported again only to a device whose cursor is
// older than the mark: each device hears of it once, not of its later activity. Admins and supervisors
// see every ticket, so nothing leaves their sight and nothing is recorded for them.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Viewer } from '../access/ticket-visibility.ts'
import type { Db } from '../db/create-db.ts'
import { ticketSightings } from '../db/schema/ticket-sightings.ts'

/** Records that these tickets were sent to the agent (back in sight, a ticket is no longer marked removed). */
export async function recordSightings(db: Db, viewer: Viewer, ticketIds: readonly string[]): Promise<void> {
  if (viewer.role !== 'agent') return
  await recordSent(
    db,
    ticketIds.map((ticketId) => ({ agentId: viewer.agentId, ticketId })),
  )
}

/** The same for several agents at once (pass only agents: admins and supervisors have nothing recorded). */
export async function recordSent(db: Db, sent: readonly { agentId: string; ticketId: string }[]): Promise<void> {
  if (!sent.length) return
  // One order for every writer: two inserts of the same rows in different orders could deadlock.
  const rows = [...sent].sort((a, b) => a.agentId.localeCompare(b.agentId) || a.ticketId.localeCompare(b.ticketId))
  await db
    .insert(ticketSightings)
    .values(rows)
    .onConflictDoUpdate({
      target: [ticketSightings.agentId, ticketSightings.ticketId],
      set: { removedAt: null },
      setWhere: sql`${ticketSightings.removedAt} is not null`,
    })
}

/**
 * Of the tickets now hidden from the agent, those a device at `since` (a sync cursor's time) may hold;
 * none for a device that holds nothing yet (no cursor).
 */
export async function sightedBefore(
  db: Db,
  viewer: Viewer,
  hiddenIds: readonly string[],
  since: string | null,
  now: Date,
): Promise<string[]> {
  if (viewer.role !== 'agent' || !hiddenIds.length || since === null) return []
  const held = await db
    .select({ ticketId: ticketSightings.ticketId })
    .from(ticketSightings)
    .where(
      and(
        eq(ticketSightings.agentId, viewer.agentId),
        inArray(ticketSightings.ticketId, [...hiddenIds]),
        or(isNull(ticketSightings.removedAt), sql`${ticketSightings.removedAt} > ${since}::timestamptz`),
      ),
    )
  const ids = held.map((row) => row.ticketId)
  if (ids.length) {
    await db
      .update(ticketSightings)
      .set({ removedAt: now })
      .where(
        and(
          eq(ticketSightings.agentId, viewer.agentId),
          inArray(ticketSightings.ticketId, ids),
          isNull(ticketSightings.removedAt),
        ),
      )
  }
  return ids
}
