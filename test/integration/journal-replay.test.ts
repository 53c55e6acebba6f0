// The inbound journal (PGlite mode): a message that was journaled and acknowledged, but whose commit the
// operating system lost, is ingested again at start-up. On PostgreSQL there is no journal at all.
import { appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { usePostgres } from '../support/test-database.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({}, { process: true })
})
afterAll(async () => {
  await server?.stop()
})

test('replays a journaled message the database lost, once, at start-up', async () => {
  const api = await new ApiClient(server.url).login()
  const channel = (await api.post('/api/channels', { kind: 'form', name: 'Site', config: {} })).body.channel
  await api.post(`/webhooks/form/${channel.id}`, { name: 'Before', email: 'before@example.com', message: 'first' })
  await server.stop()

  const journal = join(server.env.DATA_DIR!, 'inbound.journal')
  if (usePostgres) {
    expect(existsSync(journal)).toBe(false)
    server = await server.restart()
    return
  }
  const db = await PGlite.create({ dataDir: join(server.env.DATA_DIR!, 'pglite') })
  const workspaceId = (await db.query<{ id: string }>('select id from workspaces')).rows[0]!.id
  await db.close()
  const lost = {
    workspaceId,
    channelId: channel.id,
    channelKind: 'form',
    externalId: 'lost-in-an-os-crash',
    sentAt: new Date().toISOString(),
    contact: { name: 'Lost Customer', identities: [{ kind: 'email', value: 'lost@example.com' }] },
    subject: 'Replayed from the journal',
    body: 'This message was acknowledged before the crash',
    html: null,
    attachments: [],
    raw: {},
  }
  // Written twice, and followed by a torn line, as a crash in the middle of a write leaves it.
  appendFileSync(journal, `${JSON.stringify(lost)}\n${JSON.stringify(lost)}\n{"workspaceId":"${workspaceId}","chan`)

  server = await server.restart()
  const again = await new ApiClient(server.url).login()
  const found = await again.get(`/api/tickets?q=${encodeURIComponent('acknowledged')}`)
  expect(found.body.items.map((t: { subject: string }) => t.subject)).toEqual(['Replayed from the journal'])
  const all = await again.get('/api/tickets')
  expect(all.body.items).toHaveLength(2)
}, 120_000) // three starts of a server process and an embedded database: minutes on a busy machine
