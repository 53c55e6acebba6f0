// The sync cursor follows commits, not clocks: a pull hands back the position of the snapshot it read in,
// so the next pull brings exactly what committed after it (a transaction that ran before the cursor and
// committed after it included), nothing it already brought, and cursors of the old time form still work.
import postgres from 'postgres'
import { beforeAll, describe, expect, test } from 'vitest'
import { encodeCursor } from '../../server/db/keyset-cursor.ts'
import type { ApiClient } from '../support/api-client.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { pullAll, settledCursor } from '../support/sync-pull.ts'
import { usePostgres } from '../support/test-database.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()
let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

async function newTicket(text: string): Promise<{ id: string }> {
  const sent = await submitForm(setup.server.url, channelId, { name: 'Cursor', email: uniqueEmail('cursor'), message: text })
  expect(sent.status).toBe(201)
  const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)
  expect(found.body.items).toHaveLength(1)
  return found.body.items[0]
}

const setPriority = (api: ApiClient, id: string, priority: string) => api.patch(`/api/tickets/${id}`, { priority })

test('a pull right after a pull brings nothing again', async () => {
  await newTicket('nothing twice')
  const first = await pullAll(setup.api, await settledCursor(setup.api))
  expect(first.sent).toEqual([])
  const ticket = await newTicket('only the new one')
  const third = await pullAll(setup.api, first.cursor)
  expect(third.sent.map((t) => t.id)).toEqual([ticket.id])
  expect((await pullAll(setup.api, third.cursor)).sent.every((t) => t.id === ticket.id)).toBe(true)
})

test('a pull of several pages misses nothing that commits meanwhile, and re-sends only that', async () => {
  const made = []
  for (let i = 0; i < 6; i++) made.push(await newTicket(`paged pull ${i}`))
  const start = await settledCursor(setup.api)
  for (const t of made) expect((await setPriority(setup.api, t.id, 'low')).status).toBe(200)
  await settledCursor(setup.api)
  // A pull of two-ticket pages, with two tickets it already sent changing after its first page.
  const first = (await setup.api.get(`/api/sync?limit=2&cursor=${encodeURIComponent(start)}`)).body
  expect(first.more).toBe(true)
  const changed = first.tickets.map((t: { id: string }) => t.id)
  for (const id of changed) expect((await setPriority(setup.api, id, 'urgent')).status).toBe(200)
  const rest = await pullAll(setup.api, first.cursor, 2)
  const seen = new Map([...first.tickets, ...rest.sent].map((t) => [t.id, t]))
  for (const t of made) expect(seen.has(t.id)).toBe(true)
  for (const id of changed) expect(seen.get(id).priority).toBe('urgent')
  // The next pull brings again what committed during the last one (the two and the work their change
  // set off), and nothing else.
  await settledCursor(setup.api)
  const next = await pullAll(setup.api, rest.cursor)
  expect(next.sent.map((t) => t.id).sort()).toEqual([...new Set(changed)].sort())
  expect((await pullAll(setup.api, next.cursor)).sent).toEqual([])
})

test('a cursor of the old time form is read once, and answered with one of the new form', async () => {
  const ticket = await newTicket('old cursor')
  const old = encodeCursor([new Date(Date.now() - 60_000).toISOString(), '00000000-0000-0000-0000-000000000000'])
  const fromOld = await pullAll(setup.api, old)
  expect(fromOld.tickets.has(ticket.id)).toBe(true)
  expect(fromOld.cursor).not.toBe(old)
  expect((await pullAll(setup.api, fromOld.cursor)).sent).toEqual([])
  const fromEpoch = await pullAll(setup.api, encodeCursor(['1970-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']))
  expect(fromEpoch.tickets.size).toBe((await pullAll(setup.api)).tickets.size)
})

test('a cursor this server did not give out is refused naming the cursor', async () => {
  for (const parts of [
    ['s', '9:5:', new Date().toISOString()],
    ['s', '5:9:7,6', new Date().toISOString()],
    ['p', '5:9:', new Date().toISOString(), '1e3', '00000000-0000-0000-0000-000000000000', '5:9:', new Date().toISOString()],
  ]) {
    const answer = await setup.api.get(`/api/sync?cursor=${encodeCursor(parts)}`)
    expect(answer.status).toBe(400)
    expect(answer.body.error.details[0].path).toBe('cursor')
  }
})

test('a cursor from ahead of the database (kept across a restore) starts afresh rather than skip', async () => {
  const ticket = await newTicket('restored database')
  const ahead = encodeCursor(['s', '9000000000:9000000000:', new Date().toISOString()])
  expect((await pullAll(setup.api, ahead)).tickets.has(ticket.id)).toBe(true)
})

describe.skipIf(!usePostgres)('on PostgreSQL, transactions committing out of order', () => {
  test('a transaction that began before a cursor and committed after it comes in the next pull', async () => {
    const early = await newTicket('commits first')
    const late = await newTicket('commits last')
    const start = { cursor: await settledCursor(setup.api) }
    const sql = postgres(setup.server.env.DATABASE_URL!, { max: 2, onnotice: () => {} })
    const a = await sql.reserve()
    try {
      // A takes its transaction id first, B second; B commits first.
      await a`begin`
      await a`update tickets set subject = 'late commit' where id = ${late.id}`
      await sql`update tickets set subject = 'early commit' where id = ${early.id}`
      const between = await pullAll(setup.api, start.cursor)
      expect(between.tickets.get(early.id)?.subject).toBe('early commit')
      expect(between.tickets.has(late.id)).toBe(false)
      await a`commit`
      const after = await pullAll(setup.api, between.cursor)
      expect(after.tickets.get(late.id)?.subject).toBe('late commit')
      expect(after.tickets.has(early.id)).toBe(false)
    } finally {
      a.release()
      await sql.end()
    }
  })
})
