// Retries the inbound events kept `pending` (keep-for-retry.ts) once they are due. Each is claimed by
// pushing its next attempt a lease ahead, so server processes sharing the database do not take the same
// event, and one that stops mid-retry leaves it to be taken again after the lease. The ingest queue then
// takes the row over when the ingest succeeds, or keeps it for a later attempt.
import { eq, sql } from 'drizzle-orm'
import { channelEventSchema } from '../channels/channel-event.ts'
import type { Database } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import type { Logger } from '../log.ts'
import type { IngestQueue } from './ingest-queue.ts'

export interface InboundRetry {
  start(): void
  stop(): Promise<void>
}

const everyMs = 1_000
const claimSize = 100
// The lease: how long a claimed event waits before another process may take it (in the statement below).

export function createInboundRetry(deps: { database: Database; ingest: Pick<IngestQueue, 'retry'>; log: Logger }): InboundRetry {
  const { db } = deps.database
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> = Promise.resolve()
  let stopped = false

  async function retryDue(): Promise<void> {
    const due = await rows<{ id: string; payload: unknown }>(
      db,
      sql`update ${inboundEvents} e set next_attempt_at = now() + interval '1 minute'
          from (select id from ${inboundEvents} where status = 'pending' and next_attempt_at <= now()
                order by next_attempt_at limit ${claimSize} for update skip locked) due
          where e.id = due.id
          returning e.id, e.payload`,
    )
    await Promise.all(
      due.map(async (row) => {
        const event = channelEventSchema.safeParse(row.payload)
        if (!event.success) {
          await db
            .update(inboundEvents)
            .set({ status: 'failed', nextAttemptAt: null, error: 'The stored event is not readable.' })
            .where(eq(inboundEvents.id, row.id))
          return
        }
        await deps.ingest.retry(event.data)
      }),
    )
  }

  function tick(): void {
    running = running
      .then(retryDue)
      .catch((error: unknown) => deps.log.warn('inbound retry failed; trying again shortly', { error }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs).unref()
      })
  }

  return {
    start: tick,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
