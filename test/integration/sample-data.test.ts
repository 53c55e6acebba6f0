// Sample conversations: loaded by an admin on every channel through the real ingest, stored once however
// often asked, and removed in one action without touching real conversations.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

let server: TestServer
let admin: ApiClient

beforeAll(async () => {
  server = await startTestServer()
  admin = await new ApiClient(server.url).login()
})
afterAll(async () => {
  await server?.stop()
})

const allTickets = async () => (await admin.get('/api/tickets?limit=200')).body.items as { id: string; channelKind: string }[]

test('loads conversations on every channel once, and removes them all in one action', async () => {
  const realChannel = await createFormChannel(admin, 'Real form')
  expect(
    (await submitForm(server.url, realChannel, { name: 'Real Person', email: uniqueEmail('real'), message: 'a real question' }))
      .status,
  ).toBe(201)

  const loaded = await admin.post('/api/sample-data')
  expect(loaded.status).toBe(201)
  expect(loaded.body.tickets).toBeGreaterThanOrEqual(6)
  const kinds = new Set((await allTickets()).map((t) => t.channelKind))
  expect([...kinds].sort()).toEqual(['chat', 'email', 'form', 'instagram', 'messenger', 'whatsapp'])
  const count = (await allTickets()).length

  expect((await admin.post('/api/sample-data')).status).toBe(201)
  expect(await allTickets()).toHaveLength(count)

  const removed = await admin.request('DELETE', '/api/sample-data')
  expect(removed.status).toBe(200)
  expect(removed.body.tickets).toBe(count - 1)
  await eventually(async () => {
    const left = await allTickets()
    expect(left).toHaveLength(1)
  })
  const channels = (await admin.get('/api/channels')).body.items as { name: string }[]
  expect(channels.map((c) => c.name)).toEqual(['Real form'])
  expect((await admin.get(`/api/contacts?q=${encodeURIComponent('Sheena')}`)).body.items).toHaveLength(0)
})

test('only an admin loads or removes samples', async () => {
  const { client } = await signedInAgent(admin, 'supervisor')
  expect((await client.post('/api/sample-data')).status).toBe(403)
  expect((await client.request('DELETE', '/api/sample-data')).status).toBe(403)
})
