// Sample conversations: loaded by an setup.api on every channel through the real ingest, stored once however
// often asked, and removed in one action without touching real conversations.
import { expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

const allTickets = async () => (await setup.api.get('/api/tickets?limit=200')).body.items as { id: string; channelKind: string }[]

test('loads conversations on every channel once, and removes them all in one action', async () => {
  const realChannel = await createFormChannel(setup.api, 'Real form')
  expect(
    (
      await submitForm(setup.server.url, realChannel, {
        name: 'Real Person',
        email: uniqueEmail('real'),
        message: 'a real question',
      })
    ).status,
  ).toBe(201)

  const loaded = await setup.api.post('/api/sample-data')
  expect(loaded.status).toBe(201)
  expect(loaded.body.tickets).toBeGreaterThanOrEqual(6)
  const kinds = new Set((await allTickets()).map((t) => t.channelKind))
  expect([...kinds].sort()).toEqual(['chat', 'email', 'form', 'instagram', 'messenger', 'whatsapp'])
  const count = (await allTickets()).length

  expect((await setup.api.post('/api/sample-data')).status).toBe(201)
  expect(await allTickets()).toHaveLength(count)

  const removed = await setup.api.request('DELETE', '/api/sample-data')
  expect(removed.status).toBe(200)
  expect(removed.body.tickets).toBe(count - 1)
  await eventually(async () => {
    const left = await allTickets()
    expect(left).toHaveLength(1)
  })
  const channels = (await setup.api.get('/api/channels')).body.items as { name: string }[]
  expect(channels.map((c) => c.name)).toEqual(['Real form'])
  expect((await setup.api.get(`/api/contacts?q=${encodeURIComponent('Sheena')}`)).body.items).toHaveLength(0)
})

test('only an setup.api loads or removes samples', async () => {
  const { client } = await signedInAgent(setup.api, 'supervisor')
  expect((await client.post('/api/sample-data')).status).toBe(403)
  expect((await client.request('DELETE', '/api/sample-data')).status).toBe(403)
})
