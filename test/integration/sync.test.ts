// The sync stream that feeds the browser's local database: resumable pages of changed tickets with their
// messages and contacts, only what the asker may see, and a live `change` event when something changes.
import { beforeAll, expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

async function pullAll(client: ApiClient, cursor?: string) {
  const tickets = new Map<string, any>()
  const messages = new Map<string, any>()
  let next = cursor
  for (let page = 0; page < 50; page++) {
    const response = await client.get(`/api/sync?limit=2${next ? `&cursor=${encodeURIComponent(next)}` : ''}`)
    expect(response.status).toBe(200)
    for (const t of response.body.tickets) tickets.set(t.id, t)
    for (const m of response.body.messages) messages.set(m.id, m)
    next = response.body.cursor
    if (!response.body.more) break
  }
  return { tickets, messages, cursor: next! }
}

test('pages through every ticket with its messages and contact, and resumes from the cursor', async () => {
  for (let i = 0; i < 5; i++) {
    const sent = await submitForm(setup.server.url, channelId, {
      name: `Pat ${i}`,
      email: uniqueEmail('sync'),
      message: `sync page ${i}`,
    })
    expect(sent.status).toBeLessThan(300)
  }
  const first = await eventually(async () => {
    const all = await pullAll(setup.api)
    expect([...all.messages.values()].filter((m) => m.body.startsWith('sync page'))).toHaveLength(5)
    return all
  })
  const one = (await setup.api.get('/api/sync?limit=1')).body
  expect(one.contacts[0].id).toBe(one.tickets[0].contactId)

  const sent = await submitForm(setup.server.url, channelId, {
    name: 'Late',
    email: uniqueEmail('sync'),
    message: 'after the cursor',
  })
  expect(sent.status).toBeLessThan(300)
  await eventually(async () => {
    const later = await pullAll(setup.api, first.cursor)
    expect([...later.messages.values()].map((m) => m.body)).toContain('after the cursor')
  })
})

test('an agent receives only the tickets they may see', async () => {
  const team = await setup.api.post('/api/teams', { name: 'Closed team', agentIds: [] })
  const sent = await submitForm(setup.server.url, channelId, {
    name: 'Hidden',
    email: uniqueEmail('hidden'),
    message: 'team only',
  })
  expect(sent.status).toBeLessThan(300)
  const ticket = await eventually(async () => {
    const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent('team only')}`)
    expect(found.body.items).toHaveLength(1)
    return found.body.items[0]
  })
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: team.body.team.id })).status).toBe(200)
  const { client } = await signedInAgent(setup.api, 'agent')
  const seen = await pullAll(client)
  expect(seen.tickets.has(ticket.id)).toBe(false)
  expect(seen.tickets.size).toBeGreaterThan(0)
})

test('refuses a cursor it did not give out, and anyone not signed in', async () => {
  const bad = await setup.api.get('/api/sync?cursor=not-a-cursor')
  expect(bad.status).toBe(400)
  expect(bad.body.error.code).toBe('invalid_input')
  expect((await new ApiClient(setup.server.url).get('/api/sync')).status).toBe(401)
  expect((await new ApiClient(setup.server.url).get('/api/sync/stream')).status).toBe(401)
})

test('the live stream announces a change as soon as a ticket changes', async () => {
  const controller = new AbortController()
  const response = await fetch(`${setup.server.url}/api/sync/stream`, {
    headers: { cookie: setup.api.cookie! },
    signal: controller.signal,
  })
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const readUntil = async (count: number) => {
    while (text.split('event: change').length - 1 < count) {
      const { value, done } = await reader.read()
      if (done) throw new Error('stream ended')
      text += decoder.decode(value)
    }
  }
  await readUntil(1)
  await submitForm(setup.server.url, channelId, { name: 'Live', email: uniqueEmail('live'), message: 'live change' })
  await readUntil(2)
  controller.abort()
})

test('a ticket moved out of an agent’s sight is named for removal, with nothing of it sent', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  const sent = await submitForm(setup.server.url, channelId, {
    name: 'Moved Away',
    email: uniqueEmail('gone'),
    message: 'soon elsewhere',
  })
  expect(sent.status).toBeLessThan(300)
  const ticket = await eventually(async () => {
    const found = (await setup.api.get('/api/tickets?q=elsewhere')).body.items[0]
    expect(found).toBeDefined()
    return found
  })
  const before = await pullAll(client)
  expect(before.tickets.has(ticket.id)).toBe(true)

  const team = await setup.api.post('/api/teams', { name: `Elsewhere ${uniqueEmail('t')}`, agentIds: [] })
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: team.body.team.id })).status).toBe(200)
  const removed: string[] = []
  let cursor = before.cursor
  for (let page = 0; page < 50; page++) {
    const body = (await client.get(`/api/sync?limit=2&cursor=${encodeURIComponent(cursor)}`)).body
    expect(body.tickets.map((t: { id: string }) => t.id)).not.toContain(ticket.id)
    expect(body.messages.map((m: { ticketId: string }) => m.ticketId)).not.toContain(ticket.id)
    removed.push(...body.removedTicketIds)
    cursor = body.cursor
    if (!body.more) break
  }
  expect(removed).toContain(ticket.id)
})

/** Every removedTicketIds of a pull from the cursor to the end, and the last cursor. */
async function removedSince(client: ApiClient, cursor: string) {
  const removed: string[] = []
  let next = cursor
  for (let page = 0; page < 50; page++) {
    const body = (await client.get(`/api/sync?limit=2&cursor=${encodeURIComponent(next)}`)).body
    removed.push(...body.removedTicketIds)
    next = body.cursor
    if (!body.more) break
  }
  return { removed, cursor: next }
}

test('another team’s tickets a device never held are never named to it, however they change', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  const team = await setup.api.post('/api/teams', { name: `Theirs ${uniqueEmail('t')}`, agentIds: [] })
  const before = await pullAll(client)
  const sent = await submitForm(setup.server.url, channelId, {
    name: 'Never Mine',
    email: uniqueEmail('never'),
    message: 'other team only',
  })
  expect(sent.status).toBe(201)
  const ticket = await eventually(async () => {
    const found = (await setup.api.get(`/api/tickets?q=${encodeURIComponent('other team only')}`)).body.items[0]
    expect(found).toBeDefined()
    return found
  })
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: team.body.team.id })).status).toBe(200)
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { priority: 'high' })).status).toBe(200)
  const first = await removedSince(client, before.cursor)
  expect(first.removed).not.toContain(ticket.id)
  // A device starting afresh holds nothing: nothing is named to it at all.
  expect((await client.get('/api/sync?limit=500')).body.removedTicketIds).toEqual([])
})

test('a ticket that left an agent’s sight is named to each of their devices that held it', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  await submitForm(setup.server.url, channelId, { name: 'Once', email: uniqueEmail('once'), message: 'named only once' })
  const ticket = await eventually(async () => {
    const found = (await setup.api.get(`/api/tickets?q=${encodeURIComponent('named only once')}`)).body.items[0]
    expect(found).toBeDefined()
    return found
  })
  const deviceOne = await pullAll(client)
  const deviceTwo = await pullAll(client)
  expect(deviceOne.tickets.has(ticket.id)).toBe(true)
  const team = await setup.api.post('/api/teams', { name: `Away ${uniqueEmail('t')}`, agentIds: [] })
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: team.body.team.id })).status).toBe(200)
  const one = await removedSince(client, deviceOne.cursor)
  expect(one.removed).toContain(ticket.id)
  const two = await removedSince(client, deviceTwo.cursor)
  expect(two.removed).toContain(ticket.id)
})
