// The live sync push: a committed change reaches the open streams itself (`tickets`), before any pull,
// and only the streams whose agent may see it; a ticket that leaves an agent's sight is never named on
// their stream (a `change` sends them to the pull, which reports it removed to the devices that held it).
import postgres from 'postgres'
import { beforeAll, describe, expect, test } from 'vitest'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { signedInAgent } from '../support/agents.ts'
import type { ApiClient } from '../support/api-client.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'
import { pullAll, settledCursor } from '../support/sync-pull.ts'
import { openSyncStream, type StreamEvent, type SyncStreamClient } from '../support/sync-stream.ts'
import { usePostgres } from '../support/test-database.ts'

const setup = useMetaServer()
const number = { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }
let nextCustomer = 14155550100

beforeAll(async () => {
  const created = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp push',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+1 555 078 3881' },
  })
  expect(created.status).toBe(201)
})

/** A customer's WhatsApp message through the signed webhook; resolves when Meta would have its 200. */
async function customerWrites(text: string, from = String(nextCustomer++)) {
  const posted = await postSignedWebhook(setup.server.url, whatsappText({ ...number, from, name: 'Ada Push', text }), appSecret)
  expect(posted.status).toBe(200)
  return from
}

const open = (client: ApiClient) => openSyncStream(setup.server.url, client)
const carries = (text: string) => (e: StreamEvent) =>
  e.event === 'tickets' && e.data.messages.some((m: { body: string }) => m.body === text)
const mentions = (events: readonly StreamEvent[], ...needles: string[]) =>
  events.filter((e) => needles.some((needle) => JSON.stringify(e.data).includes(needle)))

async function opened(client: ApiClient): Promise<SyncStreamClient> {
  const stream = await open(client)
  const first = await stream.next(() => true)
  expect(first).toMatchObject({ event: 'change', data: { at: expect.any(String) } })
  expect(first.data.pushed).toBeUndefined()
  return stream
}

async function teamWith(agentIds: string[]): Promise<string> {
  const team = await setup.api.post('/api/teams', { name: `Team ${Math.random().toString(36).slice(2, 8)}`, agentIds })
  expect(team.status).toBe(201)
  return team.body.team.id
}

async function ticketOf(text: string): Promise<{ id: string; contactId: string }> {
  const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)
  expect(found.body.items).toHaveLength(1)
  return found.body.items[0]
}

test('a webhook message reaches an open stream as its ticket, message and contact, before any pull', async () => {
  const stream = await opened(setup.api)
  try {
    await customerWrites('pushed, not polled')
    const event = await stream.next(carries('pushed, not polled'))
    const message = event.data.messages.find((m: { body: string }) => m.body === 'pushed, not polled')
    expect(event.data.tickets.map((t: { id: string }) => t.id)).toContain(message.ticketId)
    const ticket = event.data.tickets.find((t: { id: string }) => t.id === message.ticketId)
    expect(ticket.lastMessagePreview).toBe('pushed, not polled')
    // Scored in the message's own commit: the first push is the whole ticket, no second one follows for the score.
    expect(ticket.priorityScore).toBeGreaterThan(0)
    expect(event.data.contacts.map((c: { id: string }) => c.id)).toContain(ticket.contactId)
    // Only what the transaction wrote: the ticket's one message, not a re-read of the thread.
    expect(event.data.messages.filter((m: { ticketId: string }) => m.ticketId === ticket.id)).toHaveLength(1)
    // Clients that only pull are still told, and told the change was carried.
    const after = await stream.next((e) => e.event === 'change', { from: stream.events.indexOf(event) })
    expect(after.data.pushed).toBe(true)
  } finally {
    stream.close()
  }
})

test('an agent of another team hears nothing of a ticket they may not see, notes included', async () => {
  const { agent, client } = await signedInAgent(setup.api, 'agent')
  await teamWith([agent.id])
  const elsewhere = await teamWith([])
  const from = await customerWrites('for another team only')
  const ticket = await ticketOf('for another team only')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: elsewhere })).status).toBe(200)
  const theirs = await opened(client)
  const admin = await opened(setup.api)
  try {
    await customerWrites('still another team only', from)
    expect((await setup.api.post(`/api/tickets/${ticket.id}/notes`, { body: 'a note for that team' })).status).toBe(201)
    await admin.next(carries('still another team only'))
    await admin.next(carries('a note for that team'))
    // The agent's stream had every chance to be told by now (it is pushed in the same turn as the admin's).
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(mentions(theirs.events, ticket.id, ticket.contactId, 'another team only', 'a note for that team')).toEqual([])
  } finally {
    theirs.close()
    admin.close()
  }
})

test('an agent who may see a ticket gets its notes pushed as well', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  await customerWrites('queue ticket with a note')
  const ticket = await ticketOf('queue ticket with a note')
  const stream = await opened(client)
  try {
    expect((await setup.api.post(`/api/tickets/${ticket.id}/notes`, { body: 'seen by the queue' })).status).toBe(201)
    const event = await stream.next(carries('seen by the queue'))
    expect(event.data.messages.find((m: { body: string }) => m.body === 'seen by the queue').kind).toBe('note')
  } finally {
    stream.close()
  }
})

test('a pushed ticket reassigned away sends no row, and the next pull reports it removed', async () => {
  const { agent, client } = await signedInAgent(setup.api, 'agent')
  await teamWith([agent.id])
  const elsewhere = await teamWith([])
  const held = await pullAll(client)
  const stream = await opened(client)
  try {
    await customerWrites('pushed then taken away')
    const event = await stream.next(carries('pushed then taken away'))
    const ticketId = event.data.tickets[0].id
    const from = stream.events.length
    expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId: elsewhere })).status).toBe(200)
    const told = await stream.next((e) => e.event === 'change' && !e.data.pushed, { from })
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Changes made while the ticket was still theirs (its rules, its SLA) may come after the reassignment
    // was asked; nothing of the ticket as it is now, and nothing after the stream said to pull.
    const now = stream.events
      .slice(from)
      .filter((e) => e.event === 'tickets' && e.data.tickets.some((t: any) => t.id === ticketId && t.teamId === elsewhere))
    expect(now).toEqual([])
    expect(mentions(stream.events.slice(stream.events.indexOf(told)), ticketId)).toEqual([])
    // The device never pulled the ticket (it came by the push), yet the pull knows it holds it.
    const pulled = await pullAll(client, held.cursor)
    expect(pulled.removedTicketIds).toContain(ticketId)
    expect(pulled.tickets.has(ticketId)).toBe(false)
    expect(told.data.at).toEqual(expect.any(String))
  } finally {
    stream.close()
  }
})

test('a stream ends when its agent signs out', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  const stream = await opened(client)
  expect((await client.post('/api/auth/logout')).status).toBe(200)
  await Promise.race([
    stream.ended,
    new Promise((_, reject) => setTimeout(() => reject(new Error('the stream outlived its session')), 5_000)),
  ])
})

describe.skipIf(!usePostgres)('on PostgreSQL, transactions committing out of order', () => {
  test('each is pushed when it commits, in commit order', async () => {
    await customerWrites('first to commit')
    await customerWrites('last to commit')
    const early = await ticketOf('first to commit')
    const late = await ticketOf('last to commit')
    await settledCursor(setup.api)
    const stream = await opened(setup.api)
    const sql = postgres(setup.server.env.DATABASE_URL!, { max: 2, onnotice: () => {} })
    const a = await sql.reserve()
    try {
      await a`begin`
      await a`update tickets set subject = 'committed last' where id = ${late.id}`
      await sql`update tickets set subject = 'committed first' where id = ${early.id}`
      const first = await stream.next((e) => e.event === 'tickets' && mentions([e], early.id).length > 0)
      expect(mentions(stream.events, 'committed last')).toEqual([])
      await a`commit`
      const second = await stream.next((e) => e.event === 'tickets' && mentions([e], 'committed last').length > 0)
      expect(stream.events.indexOf(second)).toBeGreaterThan(stream.events.indexOf(first))
      expect(mentions([second], early.id)).toEqual([])
    } finally {
      a.release()
      await sql.end()
      stream.close()
    }
  })
})
