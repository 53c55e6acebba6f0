// The ingest's set-based SQL against the real database (PGlite here, PostgreSQL under test:pg): one
// batch of many events is one set of statements, and what it writes is what one event at a time would.
import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import type { ChannelEvent } from '../../server/channels/channel-event.ts'
import { inboundMessage } from '../../server/channels/inbound-message.ts'
import type { Db } from '../../server/db/create-db.ts'
import { newId } from '../../server/db/new-id.ts'
import { rows } from '../../server/db/rows.ts'
import { ingestBatch } from '../../server/inbound/ingest-batch.ts'
import { keepForRetry, maxIngestAttempts } from '../../server/inbound/keep-for-retry.ts'
import { priorityWeightsSchema } from '../../server/priority/priority-score.ts'
import { settleIngestedTickets } from '../../server/rules/settle-ingested-tickets.ts'
import { useTestDatabase } from '../support/test-db.ts'

const setup = useTestDatabase()
const settings = {
  reopenWindowDays: 7,
  lockIdentities: false,
  settleTickets: (db: Db, ids: readonly string[], now: Date) =>
    settleIngestedTickets(db, ids, priorityWeightsSchema.parse({}), now),
}

async function workspaceWithChannel() {
  const workspaceId = newId()
  const channelId = newId()
  await setup.database.db.execute(sql`insert into workspaces (id, name) values (${workspaceId}, 'Batch')`)
  await setup.database.db.execute(
    sql`insert into channels (id, workspace_id, kind, name, config) values (${channelId}, ${workspaceId}, 'whatsapp', 'WA', '{}'::jsonb)`,
  )
  return { workspaceId, channelId }
}

function message(ids: { workspaceId: string; channelId: string }, from: string, externalId: string, body: string): ChannelEvent {
  return {
    type: 'message',
    message: inboundMessage({
      ...ids,
      channelKind: 'whatsapp',
      externalId,
      sentAt: new Date().toISOString(),
      contact: { name: `Customer ${from}`, identities: [{ kind: 'whatsapp', value: from }] },
      body,
      raw: {},
    }),
  }
}

const ingest = (batch: ChannelEvent[]) => setup.database.db.transaction((tx) => ingestBatch(tx, batch, settings, new Date()))

test('one batch: a customer writing twice is one contact and one ticket; a repeated delivery is stored once', async () => {
  const ids = await workspaceWithChannel()
  const outcome = await ingest([
    message(ids, '819000000001', 'wamid.a1', 'こんにちは'),
    message(ids, '819000000002', 'wamid.b1', 'Hello'),
    message(ids, '819000000001', 'wamid.a2', 'まだですか'),
    message(ids, '819000000001', 'wamid.a1', 'こんにちは'),
  ])
  const [a1, b1, a2, again] = outcome.results
  expect(a1).toMatchObject({ duplicate: false })
  expect(a2!.ticketId).toBe(a1!.ticketId)
  expect(b1!.ticketId).not.toBe(a1!.ticketId)
  expect(again).toMatchObject({ duplicate: true })
  expect(outcome.ingested).toHaveLength(3)

  const counts = await rows<{ contacts: number; tickets: number; messages: number; numbers: number[] }>(
    setup.database.db,
    sql`select (select count(*)::int from contacts where workspace_id = ${ids.workspaceId}) as contacts,
               (select count(*)::int from tickets where workspace_id = ${ids.workspaceId}) as tickets,
               (select count(*)::int from messages m join tickets t on t.id = m.ticket_id where t.workspace_id = ${ids.workspaceId}) as messages,
               (select array_agg(number order by number) from tickets where workspace_id = ${ids.workspaceId}) as numbers`,
  )
  expect(counts[0]).toMatchObject({ contacts: 2, tickets: 2, messages: 3 })
  expect(new Set(counts[0]!.numbers).size).toBe(2)
})

test('a delivery repeated in a later batch answers with the ticket and message of the first', async () => {
  const ids = await workspaceWithChannel()
  const first = await ingest([message(ids, '819000000003', 'wamid.c1', 'first')])
  const repeated = await ingest([message(ids, '819000000003', 'wamid.c1', 'first')])
  expect(repeated.results[0]).toMatchObject({
    duplicate: true,
    ticketId: first.results[0]!.ticketId,
    messageId: first.results[0]!.messageId,
  })
  expect(repeated.ingested).toEqual([])
})

test('a hundred customers in one batch get a hundred tickets with distinct numbers', async () => {
  const ids = await workspaceWithChannel()
  const batch = Array.from({ length: 100 }, (_, i) => message(ids, String(819100000000 + i), `wamid.d${i}`, `message ${i}`))
  const outcome = await ingest(batch)
  const tickets = new Set(outcome.results.map((r) => r.ticketId))
  const numbers = new Set(outcome.results.map((r) => r.ticketNumber))
  expect(tickets.size).toBe(100)
  expect(numbers.size).toBe(100)
})

test('an event kept to retry is ingested by its redelivery, and kept again with backoff while it fails', async () => {
  const ids = await workspaceWithChannel()
  const event = message(ids, '819000000004', 'wamid.e1', 'kept for a retry')
  const stored = () =>
    rows<{ status: string; attempts: number; due: boolean; error: string | null }>(
      setup.database.db,
      sql`select status, attempts, next_attempt_at > now() as due, error from inbound_events
          where channel_id = ${ids.channelId} and external_id = 'wamid.e1'`,
    )
  await keepForRetry(setup.database.db, event, new Error('first failure'))
  await keepForRetry(setup.database.db, event, new Error('second failure'))
  expect(await stored()).toEqual([{ status: 'pending', attempts: 2, due: true, error: 'second failure' }])

  // A redelivery (or the retry) in one batch with a copy of itself: ingested once.
  const outcome = await ingest([event, event])
  expect(outcome.results[0]).toMatchObject({ duplicate: false })
  expect(outcome.results[0]!.ticketNumber).not.toBeNull()
  expect(outcome.results[1]).toMatchObject({ duplicate: true, messageId: outcome.results[0]!.messageId })
  expect(outcome.ingested).toHaveLength(1)
  expect(await stored()).toMatchObject([{ status: 'processed', attempts: 2, error: null }])

  // Processed: a late failure report of the same event changes nothing.
  await keepForRetry(setup.database.db, event, new Error('late'))
  expect(await stored()).toMatchObject([{ status: 'processed', attempts: 2 }])
  expect((await ingest([event])).results[0]).toMatchObject({ duplicate: true, messageId: outcome.results[0]!.messageId })
})

test('an event whose attempts ran out stays failed, and is still ingested when it is delivered again', async () => {
  const ids = await workspaceWithChannel()
  const event = message(ids, '819000000005', 'wamid.f1', 'failed for good')
  for (let i = 0; i < maxIngestAttempts; i++) await keepForRetry(setup.database.db, event, new Error(`failure ${i}`))
  const [row] = await rows<{ status: string; attempts: number; next_attempt_at: unknown }>(
    setup.database.db,
    sql`select status, attempts, next_attempt_at from inbound_events where channel_id = ${ids.channelId}`,
  )
  expect(row).toEqual({ status: 'failed', attempts: maxIngestAttempts, next_attempt_at: null })
  const outcome = await ingest([event])
  expect(outcome.results[0]).toMatchObject({ duplicate: false })
  expect(outcome.ingested).toHaveLength(1)
})
