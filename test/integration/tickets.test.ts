import { beforeAll, describe, expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { allTickets, ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

const newTicket = (message = 'Help') => ticketFromForm(setup.api, channelId, { name: 'Tess', email: uniqueEmail(), message })
const ids = (tickets: any[]) => tickets.map((t) => t.id).sort()
const missing = '00000000-0000-4000-8000-000000000000'

describe('list filters', () => {
  let agentId: string
  let teamId: string
  let otherChannelId: string
  let t: Record<'assigned' | 'teamed' | 'tagged' | 'pending' | 'elsewhere', any>

  beforeAll(async () => {
    agentId = (await signedInAgent(setup.api, 'agent')).agent.id
    teamId = (await setup.api.post('/api/teams', { name: 'Filters', agentIds: [] })).body.team.id
    otherChannelId = await createFormChannel(setup.api, 'Filters elsewhere')
    t = {
      assigned: await newTicket(),
      teamed: await newTicket(),
      tagged: await newTicket(),
      pending: await newTicket(),
      elsewhere: await ticketFromForm(setup.api, otherChannelId, { name: 'E', email: uniqueEmail(), message: 'Other form' }),
    }
    await setup.api.patch(`/api/tickets/${t.assigned.id}`, { assigneeId: agentId })
    await setup.api.patch(`/api/tickets/${t.teamed.id}`, { teamId })
    await setup.api.patch(`/api/tickets/${t.tagged.id}`, { tags: ['vip', 'refund'] })
    await setup.api.patch(`/api/tickets/${t.pending.id}`, { status: 'pending' })
  })

  test('filters by status', async () => {
    expect(ids(await allTickets(setup.api, 'status=pending'))).toEqual([t.pending.id])
    expect(ids(await allTickets(setup.api, 'status=open'))).not.toContain(t.pending.id)
  })

  test('filters by channel kind and by channel id', async () => {
    expect((await allTickets(setup.api, 'channel=form')).length).toBe((await allTickets(setup.api)).length)
    expect(await allTickets(setup.api, 'channel=email')).toEqual([])
    expect(ids(await allTickets(setup.api, `channelId=${otherChannelId}`))).toEqual([t.elsewhere.id])
  })

  test('filters by assignee, and by no assignee with none', async () => {
    expect(ids(await allTickets(setup.api, `assigneeId=${agentId}`))).toEqual([t.assigned.id])
    const unassigned = ids(await allTickets(setup.api, 'assigneeId=none'))
    expect(unassigned).not.toContain(t.assigned.id)
    expect(unassigned).toContain(t.teamed.id)
  })

  test('filters by team, tag and contact', async () => {
    expect(ids(await allTickets(setup.api, `teamId=${teamId}`))).toEqual([t.teamed.id])
    expect(ids(await allTickets(setup.api, 'tag=vip'))).toEqual([t.tagged.id])
    expect(await allTickets(setup.api, 'tag=nobody-uses-this')).toEqual([])
    expect(ids(await allTickets(setup.api, `contactId=${t.pending.contactId}`))).toEqual([t.pending.id])
  })

  test('refuses an invalid status filter or cursor with 400', async () => {
    const status = await setup.api.get('/api/tickets?status=sleeping')
    expect(status.status).toBe(400)
    expect(status.body.error.code).toBe('invalid_input')
    expect(status.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'status' })]))
    const cursor = await setup.api.get('/api/tickets?cursor=not-a-cursor')
    expect(cursor.status).toBe(400)
    expect(cursor.body.error.code).toBe('invalid_input')
  })
})

test('walks every ticket exactly once, newest activity first, with limit=2', async () => {
  await Promise.all(
    Array.from({ length: 7 }, (_, i) =>
      submitForm(setup.server.url, channelId, { name: 'P', email: uniqueEmail(), message: `Page ${i}` }),
    ),
  )
  const everything = await allTickets(setup.api)
  expect(everything.length).toBeGreaterThanOrEqual(7)
  const walked: any[] = []
  let cursor: string | null = null
  do {
    const page: any = await setup.api.get(`/api/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    expect(page.status).toBe(200)
    expect(page.body.items.length).toBeLessThanOrEqual(2)
    walked.push(...page.body.items)
    cursor = page.body.nextCursor
  } while (cursor)
  expect(walked.map((w) => w.id)).toEqual(everything.map((e) => e.id))
  const times = walked.map((w) => Date.parse(w.lastMessageAt))
  expect(times).toEqual([...times].sort((a, b) => b - a))
})

test("include=contacts carries the page's contacts (what an inbox row names), and only then", async () => {
  const ticket = await newTicket('Who am I?')
  const page = await setup.api.get(`/api/tickets?contactId=${ticket.contactId}&include=contacts`)
  expect(page.status).toBe(200)
  expect(page.body.items.map((t: any) => t.id)).toEqual([ticket.id])
  expect(page.body.contacts).toEqual([expect.objectContaining({ id: ticket.contactId, name: 'Tess' })])
  const plain = await setup.api.get(`/api/tickets?contactId=${ticket.contactId}`)
  expect(plain.body.contacts).toBeUndefined()
  expect((await setup.api.get('/api/tickets?include=everything')).status).toBe(400)
})

describe('one ticket', () => {
  test('answers the ticket, its contact and its messages oldest first, notes included', async () => {
    const email = uniqueEmail()
    const ticket = await ticketFromForm(setup.api, channelId, { name: 'Olga', email, message: 'First' })
    await setup.api.post(`/api/tickets/${ticket.id}/notes`, { body: 'Between' })
    await submitForm(setup.server.url, channelId, { name: 'Olga', email, message: 'Second' })
    const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
    expect(detail.status).toBe(200)
    expect(detail.body.ticket).toMatchObject({ id: ticket.id, number: ticket.number })
    expect(detail.body.contact).toMatchObject({ id: ticket.contactId, name: 'Olga', email })
    expect(detail.body.messages.map((m: any) => [m.kind, m.body])).toEqual([
      ['message', 'First'],
      ['note', 'Between'],
      ['message', 'Second'],
    ])
  })

  test('changes status, priority, assignee, team and tags, each shown as an event in the thread', async () => {
    const { agent } = await signedInAgent(setup.api, 'agent', 'Eve Assignee')
    const team = (await setup.api.post('/api/teams', { name: 'Escalations', agentIds: [] })).body.team
    const ticket = await newTicket()
    const patch = { status: 'pending', priority: 'urgent', assigneeId: agent.id, teamId: team.id, tags: ['b', 'a', 'b'] }
    const response = await setup.api.patch(`/api/tickets/${ticket.id}`, patch)
    expect(response.status).toBe(200)
    expect(response.body.ticket).toMatchObject({ ...patch, tags: ['b', 'a'] })
    const detail = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    expect(detail.ticket).toMatchObject({ ...patch, tags: ['b', 'a'] })
    const events = detail.messages.filter((m: any) => m.kind === 'event')
    expect(events).toHaveLength(5)
    for (const event of events) expect(event).toMatchObject({ authorType: 'agent', direction: null, status: 'sent' })
    const text = events.map((e: any) => e.body).join('\n')
    for (const words of ['pending', 'urgent', 'Eve Assignee', 'Escalations', 'b, a']) expect(text).toContain(words)
  })

  test('shows removing every tag and changing the subject as events', async () => {
    const ticket = await newTicket()
    await setup.api.patch(`/api/tickets/${ticket.id}`, { tags: ['temp'] })
    await setup.api.patch(`/api/tickets/${ticket.id}`, { tags: [], subject: 'Refund for order 1234' })
    const detail = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    expect(detail.ticket).toMatchObject({ tags: [], subject: 'Refund for order 1234' })
    const events = detail.messages.filter((m: any) => m.kind === 'event').map((m: any) => m.body)
    expect(events).toHaveLength(3)
    expect(events.join('\n')).toContain('Refund for order 1234')
  })

  test('refuses an invalid status with 400 and changes nothing of the patch', async () => {
    const ticket = await newTicket()
    const response = await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'sleeping', priority: 'high' })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_input')
    const detail = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    expect(detail.ticket).toMatchObject({ status: 'open', priority: 'normal' })
    expect(detail.messages.filter((m: any) => m.kind === 'event')).toEqual([])
  })

  test('refuses an unknown assignee with 400 and changes nothing of the patch', async () => {
    const ticket = await newTicket()
    const response = await setup.api.patch(`/api/tickets/${ticket.id}`, { assigneeId: missing, priority: 'high' })
    expect(response.status).toBe(400)
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'assigneeId' })])
    expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket).toMatchObject({ assigneeId: null, priority: 'normal' })
  })

  test('refuses an empty patch or an unknown field with 400', async () => {
    const ticket = await newTicket()
    expect((await setup.api.patch(`/api/tickets/${ticket.id}`, {})).status).toBe(400)
    expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { colour: 'red' })).status).toBe(400)
  })

  test('answers 404 for an unknown or malformed ticket id', async () => {
    for (const id of [missing, 'nope']) {
      expect((await setup.api.get(`/api/tickets/${id}`)).status).toBe(404)
      const patch = await setup.api.patch(`/api/tickets/${id}`, { status: 'open' })
      expect(patch.status).toBe(404)
      expect(patch.body.error.code).toBe('not_found')
      expect((await setup.api.post(`/api/tickets/${id}/notes`, { body: 'x' })).status).toBe(404)
    }
  })
})

describe('notes', () => {
  test('adds a note with 201 and kind note, shown in the ticket', async () => {
    const ticket = await newTicket()
    const response = await setup.api.post(`/api/tickets/${ticket.id}/notes`, { body: 'Customer is a VIP' })
    expect(response.status).toBe(201)
    expect(response.body.message).toMatchObject({
      kind: 'note',
      body: 'Customer is a VIP',
      ticketId: ticket.id,
      authorType: 'agent',
    })
    const { messages } = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    expect(messages.find((m: any) => m.id === response.body.message.id)).toMatchObject({ kind: 'note', direction: null })
  })

  test('refuses an empty or blank note with 400', async () => {
    const ticket = await newTicket()
    for (const body of [{}, { body: '' }, { body: '   ' }]) {
      const response = await setup.api.post(`/api/tickets/${ticket.id}/notes`, body)
      expect(response.status).toBe(400)
      expect(response.body.error.code).toBe('invalid_input')
    }
    const { messages } = (await setup.api.get(`/api/tickets/${ticket.id}`)).body
    expect(messages.filter((m: any) => m.kind === 'note')).toEqual([])
  })
})
