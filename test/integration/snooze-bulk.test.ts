// Snooze and bulk changes over REST on a real server whose clock the test moves (TEST_CLOCK=1): a snoozed
// ticket leaves the lists but view=snoozed, wakes when due (also after a restart) or when the customer
// writes, and is audited; one bulk request changes many tickets, each on its own, per-ticket results.
import { and, asc, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { auditLog } from '../../server/db/schema/audit-log.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { allTickets, ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer({ TEST_CLOCK: '1' })
let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

const newTicket = (email = uniqueEmail()) =>
  ticketFromForm(setup.api, channelId, { name: 'Sam', email, message: 'Where is my parcel?' })
const listed = async (query = '') => (await allTickets(setup.api, query)).map((t) => t.id)
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()
const moveClock = (to: string) => setup.api.post('/api/test/clock', { now: to })

describe('snooze', () => {
  test('a snoozed ticket leaves the lists, shows under view=snoozed, and wakes when due', async () => {
    const ticket = await newTicket()
    const until = inHours(5)
    const snoozed = await setup.api.post(`/api/tickets/${ticket.id}/snooze`, { until })
    expect(snoozed.status).toBe(200)
    expect(snoozed.body.ticket.snoozedUntil).toBe(until)
    expect(await listed()).not.toContain(ticket.id)
    expect(await listed('view=snoozed')).toContain(ticket.id)

    expect((await moveClock(inHours(6))).status).toBe(200)
    expect(await listed()).toContain(ticket.id)
    const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
    expect(detail.body.ticket.snoozedUntil).toBeNull()
    expect(detail.body.messages.map((m: any) => m.body)).toContain('The snooze ended: the ticket is back in the inbox.')
  })

  test('the customer writing wakes a ticket snoozed until they reply', async () => {
    const email = uniqueEmail()
    const ticket = await newTicket(email)
    await setup.api.post(`/api/tickets/${ticket.id}/snooze`, { untilCustomerReplies: true })
    expect(await listed()).not.toContain(ticket.id)
    expect((await submitForm(setup.server.url, channelId, { name: 'Sam', email, message: 'Any news?' })).status).toBe(201)
    expect(await listed()).toContain(ticket.id)
    expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.snoozedUntilCustomerReplies).toBe(false)
  })

  test('waking by hand, bad input, and someone who may not see the ticket', async () => {
    const ticket = await newTicket()
    await setup.api.post(`/api/tickets/${ticket.id}/snooze`, { untilCustomerReplies: true })
    const woken = await setup.api.request('DELETE', `/api/tickets/${ticket.id}/snooze`)
    expect(woken.status).toBe(200)
    expect(woken.body.ticket.snoozedUntilCustomerReplies).toBe(false)

    const empty = await setup.api.post(`/api/tickets/${ticket.id}/snooze`, {})
    expect(empty.status).toBe(400)
    expect(empty.body.error.code).toBe('invalid_input')
    const past = await setup.api.post(`/api/tickets/${ticket.id}/snooze`, { until: '2001-01-01T00:00:00Z' })
    expect(past.status).toBe(400)
    expect(past.body.error.message).toMatch(/future/)

    const team = (await setup.api.post('/api/teams', { name: 'Snooze others', agentIds: [] })).body.team.id
    await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: team })
    const outsider = await signedInAgent(setup.api, 'agent')
    const hidden = await outsider.client.post(`/api/tickets/${ticket.id}/snooze`, { untilCustomerReplies: true })
    expect(hidden.status).toBe(404)
  })

  test('snoozing and waking are audited', async () => {
    const ticket = await newTicket()
    await setup.api.post(`/api/tickets/${ticket.id}/snooze`, { until: inHours(30) })
    await setup.api.request('DELETE', `/api/tickets/${ticket.id}/snooze`)
    const { db } = setup.server.database!
    const rows = await db
      .select({ action: auditLog.action, data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), like(auditLog.action, 'ticket.%snooze%')))
      .orderBy(asc(auditLog.createdAt))
    expect(rows.map((r) => r.action)).toEqual(['ticket.snoozed', 'ticket.unsnoozed'])
    expect(rows[0]!.data).toMatchObject({ from: { until: null }, to: { untilCustomerReplies: false } })
  })
})

describe('bulk', () => {
  test('one request assigns, tags, snoozes and resolves many tickets, each on its own', async () => {
    const agent = await signedInAgent(setup.api, 'agent', 'Bulk Agent')
    const [a, b] = [await newTicket(), await newTicket()]
    await setup.api.patch(`/api/tickets/${a.id}`, { tags: ['vip'] })
    const missing = '00000000-0000-4000-8000-000000000000'

    const assigned = await setup.api.post('/api/tickets/bulk', {
      ticketIds: [a.id, b.id, missing],
      set: { assigneeId: agent.agent.id, addTags: ['refund'], removeTags: ['vip'] },
    })
    expect(assigned.status).toBe(200)
    const byId = new Map(assigned.body.results.map((r: any) => [r.ticketId, r]))
    expect((byId.get(a.id) as any).ticket).toMatchObject({ assigneeId: agent.agent.id, tags: ['refund'] })
    expect((byId.get(b.id) as any).ticket).toMatchObject({ assigneeId: agent.agent.id, tags: ['refund'] })
    expect(byId.get(missing)).toMatchObject({ ok: false, error: { code: 'not_found' } })

    // The agent may change what they see; a ticket of another team is not_found to them, and stays as it was.
    const team = (await setup.api.post('/api/teams', { name: 'Bulk others', agentIds: [] })).body.team.id
    const other = await newTicket()
    await setup.api.patch(`/api/tickets/${other.id}`, { teamId: team })
    const snoozed = await agent.client.post('/api/tickets/bulk', {
      ticketIds: [a.id, other.id],
      set: { snoozeUntilCustomerReplies: true },
    })
    expect(snoozed.body.results).toEqual([
      expect.objectContaining({ ticketId: a.id, ok: true }),
      { ticketId: other.id, ok: false, error: { code: 'not_found', message: expect.any(String) } },
    ])
    expect(await listed('view=snoozed')).toEqual(expect.arrayContaining([a.id]))
    expect(await listed('view=snoozed')).not.toContain(other.id)

    const resolved = await setup.api.post('/api/tickets/bulk', { ticketIds: [a.id, b.id], set: { status: 'resolved' } })
    expect(resolved.body.results.every((r: any) => r.ok && r.ticket.status === 'resolved')).toBe(true)
    // Resolving ends the snooze.
    expect(resolved.body.results[0].ticket.snoozedUntilCustomerReplies).toBe(false)
  })

  test('bad bulk input is refused whole', async () => {
    const ticket = await newTicket()
    for (const body of [
      { ticketIds: [], set: { status: 'resolved' } },
      { ticketIds: [ticket.id], set: {} },
      { ticketIds: ['nope'], set: { status: 'resolved' } },
      { ticketIds: [ticket.id], set: { status: 'gone' } },
      { ticketIds: [ticket.id], set: { snoozeUntil: '2001-01-01T00:00:00Z' } },
    ]) {
      const response = await setup.api.post('/api/tickets/bulk', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error.code).toBe('invalid_input')
    }
    expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.status).toBe('open')
  })
})

test('a snooze that falls due while the server is down wakes after the restart', async () => {
  const ticket = await newTicket()
  await setup.api.post(`/api/tickets/${ticket.id}/snooze`, { until: inHours(50) })
  await setup.server.stop()
  setup.server = await setup.server.restart()
  setup.api = await new ApiClient(setup.server.url).login()
  expect(await listed()).not.toContain(ticket.id)
  await moveClock(inHours(51))
  expect(await listed()).toContain(ticket.id)
})
