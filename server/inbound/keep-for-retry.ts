// An event whose ingest failed is kept to be retried: `pending` until its next attempt (backoff on its
// failures so far), `failed` once the attempts ran out (an admin sees it and may retry it). The row is
// left alone if the event was processed meanwhile (a redelivery, another process).
import { and, eq, sql } from 'drizzle-orm'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import { backoffMs } from '../scheduler/backoff.ts'
import { eventKey, eventTarget } from './event-key.ts'

/** About an hour of retries (2 s, 4 s … then every 5 minutes) before an event is left `failed`. */
export const maxIngestAttempts = 20

export function afterFailedAttempt(
  attempts: number,
  nowMs: number,
  random = Math.random,
): { status: 'pending' | 'failed'; nextAttemptAt: Date | null } {
  if (attempts >= maxIngestAttempts) return { status: 'failed', nextAttemptAt: null }
  return { status: 'pending', nextAttemptAt: new Date(nowMs + backoffMs(attempts, random)) }
}

export async function keepForRetry(db: Db, event: ChannelEvent, error: unknown): Promise<void> {
  const target = eventTarget(event)
  const key = eventKey(event)
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: inboundEvents.status, attempts: inboundEvents.attempts })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.channelId, target.channelId), eq(inboundEvents.externalId, key)))
      .for('update')
    if (row?.status === 'processed') return
    const attempts = (row?.attempts ?? 0) + 1
    // Timers use real elapsed time, not the server's (movable) clock.
    const kept = { ...afterFailedAttempt(attempts, Date.now()), attempts, error: reason(error), payload: event }
    await tx
      .insert(inboundEvents)
      .values({ id: newId(), workspaceId: target.workspaceId, channelId: target.channelId, externalId: key, ...kept })
      .onConflictDoUpdate({
        target: [inboundEvents.channelId, inboundEvents.externalId],
        set: kept,
        setWhere: sql`${inboundEvents.status} <> 'processed'`,
      })
  })
}

/** The innermost cause's message: the database's own words, without the query and its parameters. */
function reason(error: unknown): string {
  let e = error
  while (e instanceof Error && e.cause instanceof Error) e = e.cause
  return e instanceof Error ? e.message : String(error)
}
