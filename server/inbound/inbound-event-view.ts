// Listing the raw inbound events that are not ingested yet, and retrying one now: for admins, who must
// be able to see that nothing that arrived was dropped.
import { and, desc, eq, ne, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { InboundEvent } from '../../shared/schema/inbound-event.ts'
import type { Actor } from '../auth/actor.ts'
import { channelEventSchema } from '../channels/channel-event.ts'
import type { Db } from '../db/create-db.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import type { IngestQueue } from './ingest-queue.ts'

const columns = {
  id: inboundEvents.id,
  channelId: inboundEvents.channelId,
  externalId: inboundEvents.externalId,
  type: sql<string | null>`${inboundEvents.payload}->>'type'`,
  status: inboundEvents.status,
  attempts: inboundEvents.attempts,
  error: inboundEvents.error,
  nextAttemptAt: inboundEvents.nextAttemptAt,
  receivedAt: inboundEvents.receivedAt,
}
interface Row {
  id: string
  channelId: string
  externalId: string
  type: string | null
  status: InboundEvent['status']
  attempts: number
  error: string | null
  nextAttemptAt: Date | null
  receivedAt: Date
}

export async function listInboundEvents(
  db: Db,
  actor: Actor,
  query: { status?: 'pending' | 'failed' | undefined; limit: number },
): Promise<{ items: InboundEvent[]; counts: { pending: number; failed: number } }> {
  const inWorkspace = eq(inboundEvents.workspaceId, actor.workspaceId)
  const items = await db
    .select(columns)
    .from(inboundEvents)
    .where(and(inWorkspace, query.status ? eq(inboundEvents.status, query.status) : ne(inboundEvents.status, 'processed')))
    .orderBy(desc(inboundEvents.receivedAt))
    .limit(query.limit)
  const [counts] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${inboundEvents.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${inboundEvents.status} = 'failed')::int`,
    })
    .from(inboundEvents)
    .where(and(inWorkspace, ne(inboundEvents.status, 'processed')))
  return { items: items.map(view), counts: counts ?? { pending: 0, failed: 0 } }
}

/** Ingests a pending or failed event now (a processed one is left as it is) and answers its state after. */
export async function retryInboundEvent(
  db: Db,
  ingest: Pick<IngestQueue, 'retry'>,
  actor: Actor,
  id: string,
): Promise<InboundEvent> {
  const find = async () => {
    const [row] = await db
      .select({ ...columns, payload: inboundEvents.payload })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.id, id), eq(inboundEvents.workspaceId, actor.workspaceId)))
    if (!row) throw new AppError('not_found', `No inbound event ${id}.`)
    return row
  }
  const row = await find()
  if (row.status === 'processed') return view(row)
  const event = channelEventSchema.safeParse(row.payload)
  if (!event.success) throw new AppError('conflict', 'The stored event is not readable, so it cannot be ingested.')
  // A failure is recorded on the row (one more attempt), which is what the answer then shows.
  await ingest.retry(event.data)
  return view(await find())
}

function view(row: Row): InboundEvent {
  return {
    id: row.id,
    channelId: row.channelId,
    externalId: row.externalId,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    receivedAt: row.receivedAt.toISOString(),
  }
}
