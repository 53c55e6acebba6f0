// An ingest that fails after the answer was decided: the submission is answered 201 (stored, certain to
// be processed), shown to admins as pending, retried by the server with backoff, ingested when it is
// delivered again or retried by an admin, and stored exactly once. The failure is made by the database
// itself: a trigger refusing the messages marked for it, dropped halfway through.
import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { rows } from '../../server/db/rows.ts'
import { signedInAgent } from '../support/agents.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()
const marker = '[refused by the trigger]'

test('a failed ingest is kept, listed for admins, retried, and stored once', { timeout: 90_000 }, async () => {
  const { api, server } = setup
  const db = server.database!.db
  const channelId = await createFormChannel(api, 'Retried')
  await db.execute(
    sql.raw(`
    create function refuse_marked_messages() returns trigger language plpgsql as $$
    begin
      if new.body like '%${marker}%' then raise exception 'refused by the test'; end if;
      return new;
    end $$`),
  )
  await db.execute(sql`create trigger refuse_marked_messages before insert on messages
    for each row execute function refuse_marked_messages()`)

  const send = (name: string) =>
    submitForm(
      server.url,
      channelId,
      { name, email: uniqueEmail(name), message: `${name} ${marker}` },
      { 'idempotency-key': `retry-${name}` },
    )
  for (const name of ['auto', 'redelivered', 'by-admin']) {
    const answer = await send(name)
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({ ok: true, ticketNumber: null })
  }

  const listed = await api.get('/api/inbound-events?status=pending')
  expect(listed.status).toBe(200)
  expect(listed.body.counts).toEqual({ pending: 3, failed: 0 })
  expect(listed.body.items).toHaveLength(3)
  for (const item of listed.body.items) {
    expect(item).toMatchObject({ channelId, type: 'message', status: 'pending', error: 'refused by the test' })
    expect(item.attempts).toBeGreaterThanOrEqual(1)
    expect(Date.parse(item.nextAttemptAt)).not.toBeNaN()
  }
  const byAdmin = listed.body.items.find((item: { externalId: string }) => item.externalId === 'key:retry-by-admin')
  expect(byAdmin).toBeDefined()
  const agent = await signedInAgent(api, 'supervisor')
  expect((await agent.client.get('/api/inbound-events')).status).toBe(403)
  expect((await agent.client.post(`/api/inbound-events/${byAdmin.id}/retry`)).status).toBe(403)

  // Retried now while the cause remains: still pending, one attempt more.
  const stillFailing = await api.post(`/api/inbound-events/${byAdmin.id}/retry`)
  expect(stillFailing.status).toBe(200)
  expect(stillFailing.body.inboundEvent.status).toBe('pending')
  expect(stillFailing.body.inboundEvent.attempts).toBeGreaterThan(byAdmin.attempts)

  await db.execute(sql`drop trigger refuse_marked_messages on messages`)
  const redelivered = await send('redelivered')
  expect(redelivered.status).toBe(201)
  expect(redelivered.body.ticketNumber).toEqual(expect.any(Number))
  const retried = await api.post(`/api/inbound-events/${byAdmin.id}/retry`)
  expect(retried.body.inboundEvent).toMatchObject({ status: 'processed', error: null, nextAttemptAt: null })

  // The one nobody touched is retried by the server on its own.
  await eventually(async () => expect((await api.get('/api/inbound-events')).body.counts).toEqual({ pending: 0, failed: 0 }), {
    timeoutMs: 40_000,
    intervalMs: 500,
  })
  const stored = await rows<{ body: string; n: number }>(
    db,
    sql`select body, count(*)::int as n from messages where body like ${`%${marker}%`} group by body order by body`,
  )
  expect(stored).toEqual(['auto', 'by-admin', 'redelivered'].map((name) => ({ body: `${name} ${marker}`, n: 1 })))
  expect((await api.get('/api/inbound-events/not-an-id/retry')).status).toBe(404)
  expect((await api.post('/api/inbound-events/not-an-id/retry')).status).toBe(400)
})
