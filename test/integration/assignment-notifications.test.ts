// The notifications an agent's app may announce at once, against a real server: a ticket given to them by
// someone else (a PATCH, a bulk change, a rule; never their own doing, and a handoff only once, as a
// handoff), and a new live chat (told to whoever routing gave it, otherwise to every online agent).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import type { ApiClient } from '../support/api-client.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { eventually } from '../support/eventually.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()
const visitors: ChatVisitor[] = []
let chatChannelId: string
let adminName: string

beforeAll(async () => {
  const created = await setup.api.post('/api/channels', { kind: 'chat', name: 'Website chat', config: {} })
  expect(created.status).toBe(201)
  chatChannelId = created.body.channel.id
  adminName = (await setup.api.get('/api/me')).body.agent.name
})
afterAll(async () => {
  await Promise.all(visitors.map((v) => v.leave()))
})

/** A visitor's first chat message: the ticket it opened. */
async function newChat(name: string): Promise<{ id: string; number: number }> {
  const visitor = await ChatVisitor.connect(setup.server.url, chatChannelId)
  visitors.push(visitor)
  visitor.send({ type: 'hello', v: 1, name })
  // Generous waits: the machine the suite runs on may be busy.
  await visitor.next((f) => f.type === 'welcome', 30_000)
  const text = `Hello from ${name} ${randomUUID().slice(0, 8)}`
  const clientId = randomUUID()
  visitor.send({ type: 'message', clientId, text })
  expect(await visitor.next((f) => f.clientId === clientId, 30_000)).toMatchObject({ type: 'message' })
  return eventually(async () => {
    const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)
    expect(found.body.items).toHaveLength(1)
    return found.body.items[0]
  })
}

async function agent(name: string, availability: 'online' | 'offline'): Promise<SignedInAgent> {
  const made = await signedInAgent(setup.api, 'agent', name)
  expect((await made.client.request('PUT', '/api/me/availability', { status: availability })).status).toBe(200)
  return made
}

async function notificationsOf(client: ApiClient, ticketId: string): Promise<{ kind: string; body: string }[]> {
  const { body } = await client.get('/api/notifications?limit=200')
  return body.items.filter((n: { ticketId: string | null }) => n.ticketId === ticketId)
}

test('an agent given a ticket by a colleague is told who gave it; taking one yourself tells nobody', async () => {
  const bea = await agent('Bea', 'offline')
  const ticket = await newChat('Carla')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { assigneeId: bea.agent.id })).status).toBe(200)
  expect(await notificationsOf(bea.client, ticket.id)).toEqual([
    expect.objectContaining({ kind: 'assigned', body: `Ticket #${ticket.number} was assigned to you by ${adminName}.` }),
  ])

  const own = await newChat('Dan')
  expect((await bea.client.patch(`/api/tickets/${own.id}`, { assigneeId: bea.agent.id })).status).toBe(200)
  expect(await notificationsOf(bea.client, own.id)).toEqual([])

  const bulk = await newChat('Eve')
  const done = await setup.api.post('/api/tickets/bulk', { ticketIds: [bulk.id], set: { assigneeId: bea.agent.id } })
  expect(done.status).toBe(200)
  expect(await notificationsOf(bea.client, bulk.id)).toEqual([expect.objectContaining({ kind: 'assigned' })])
})

test('a handoff tells the receiving agent once, as a handoff', async () => {
  const from = await agent('Fay', 'offline')
  const to = await agent('Gus', 'offline')
  const ticket = await newChat('Hana')
  expect((await from.client.patch(`/api/tickets/${ticket.id}`, { assigneeId: from.agent.id })).status).toBe(200)
  const handed = await from.client.post('/api/me/handoff', { toAgentId: to.agent.id, note: 'Over to you' })
  expect(handed.status).toBe(200)
  expect((await to.client.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind)).toEqual(['handoff'])
})

test('a new chat nobody is routed to is announced to every online agent, not to the offline ones', async () => {
  const online = await agent('Ivy (online)', 'online')
  const offline = await agent('Jon (offline)', 'offline')
  const ticket = await newChat('Kim Visitor')
  expect(await notificationsOf(online.client, ticket.id)).toEqual([
    expect.objectContaining({ kind: 'new_chat', body: 'New chat from Kim Visitor' }),
  ])
  expect(await notificationsOf(offline.client, ticket.id)).toEqual([])
})

test('a new chat a rule routes is announced to its assignee alone, as a new chat; a later rule assignment as assigned', async () => {
  const lee = await agent('Lee (routed)', 'online')
  expect((await setup.api.patch(`/api/agents/${lee.agent.id}`, { capacity: 5, skills: ['chat'] })).status).toBe(200)
  const bystander = await agent('Mo (online)', 'online')
  const rule = await setup.api.post('/api/rules', {
    name: 'Chats to chat agents',
    event: 'ticket_created',
    conditions: { all: [] },
    actions: [{ type: 'assign_least_loaded', skill: 'chat' }],
  })
  expect(rule.status).toBe(201)

  const ticket = await newChat('Nia Visitor')
  const told = await eventually(async () => {
    const items = await notificationsOf(lee.client, ticket.id)
    expect(items).toHaveLength(1)
    return items
  })
  expect(told).toEqual([expect.objectContaining({ kind: 'new_chat', body: 'New chat from Nia Visitor' })])
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.assigneeId).toBe(lee.agent.id)
  expect(await notificationsOf(bystander.client, ticket.id)).toEqual([])

  // A rule that gives an existing ticket to someone says so.
  const later = await setup.api.post('/api/rules', {
    name: 'Urgent to Lee',
    event: 'ticket_updated',
    conditions: { all: [{ field: 'priority', op: 'eq', value: 'urgent' }] },
    actions: [{ type: 'assign_agent', agentId: lee.agent.id }],
  })
  expect(later.status).toBe(201)
  const old = await newChat('Otto')
  await eventually(async () => expect(await notificationsOf(lee.client, old.id)).toHaveLength(1))
  expect((await setup.api.patch(`/api/tickets/${old.id}`, { assigneeId: bystander.agent.id })).status).toBe(200)
  expect((await setup.api.patch(`/api/tickets/${old.id}`, { priority: 'urgent' })).status).toBe(200)
  await eventually(async () =>
    expect(await notificationsOf(lee.client, old.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'assigned',
          body: `Ticket #${old.number} was assigned to you by the rule “Urgent to Lee”.`,
        }),
      ]),
    ),
  )
})
