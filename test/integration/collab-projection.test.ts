// What the shared document means outside itself: notes written there become searchable note messages,
// assignments go both ways under the same rule as REST, supervisors see presence live, a reply while a
// colleague types (or after a reply the sender did not see) is a 409 until confirmed, and a socket whose
// agent may no longer see the ticket is closed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { type CollabClient, openCollab, writeNote } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()

let adminId: string
let token: string
let formId: string
const open: CollabClient[] = []

async function newTicket(message: string): Promise<string> {
  const email = `c${Math.random().toString(36).slice(2)}@example.com`
  await submitForm(setup.server.url, formId, { name: 'Customer', email, message })
  return (await setup.api.get(`/api/tickets?q=${encodeURIComponent(message)}`)).body.items[0].id
}

async function newAgent(name: string, role = 'agent'): Promise<{ id: string; api: ApiClient }> {
  const email = `${name.toLowerCase()}${Math.random().toString(36).slice(2, 6)}@example.com`
  const created = await setup.api.post('/api/agents', { email, name, role, password: 'agent-password-1' })
  expect(created.status).toBe(201)
  return { id: created.body.agent.id, api: await new ApiClient(setup.server.url).login(email, 'agent-password-1') }
}

const notesOfAuthor = (client: CollabClient) => client.doc.getArray<import('yjs').Map<unknown>>('notes').toArray()

function collab(ticketId: string, credentials: string | { cookie: string }): CollabClient {
  const client = openCollab(setup.server.url, ticketId, credentials)
  open.push(client)
  return client
}

beforeAll(async () => {
  adminId = (await setup.api.get('/api/me')).body.agent.id
  token = (await setup.api.post('/api/tokens', { name: 'collab projection' })).body.token
  formId = await createFormChannel(setup.api)
  await setup.api.post('/api/channels', { kind: 'email', name: 'Mail', config: { address: 'help@projection.example' } })
})
afterAll(async () => {
  for (const client of open) client.close()
})

describe('notes', () => {
  test('a note written in the document becomes a searchable note message by its author; edits and removal follow', async () => {
    const ticketId = await newTicket('projection of notes please')
    const a = collab(ticketId, token)
    await a.synced
    const note = writeNote(a.doc, 'n-1', adminId, 'Customer called: refund approved 返金')
    const notes = async () =>
      (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages.filter((m: { kind: string }) => m.kind === 'note')

    const [projected] = await eventually(async () => {
      const found = await notes()
      expect(found).toHaveLength(1)
      return found
    })
    expect(projected).toMatchObject({ kind: 'note', authorType: 'agent', authorId: adminId, direction: null })
    expect(projected.body).toBe('Customer called: refund approved 返金')
    await eventually(async () =>
      expect((await setup.api.get('/api/tickets?q=返金')).body.items.map((t: { id: string }) => t.id)).toContain(ticketId),
    )

    ;(note.get('body') as import('yjs').Text).insert(0, 'Update: ')
    await eventually(async () => expect((await notes())[0].body).toBe('Update: Customer called: refund approved 返金'))

    a.doc.getArray('notes').delete(0, 1)
    await eventually(async () => expect((await notes())[0].deletedAt).not.toBeNull())
  })

  test('a note made over REST shows in the document', async () => {
    const ticketId = await newTicket('rest notes into the document')
    const a = collab(ticketId, token)
    await a.synced
    const created = await setup.api.post(`/api/tickets/${ticketId}/notes`, { body: 'Written over REST' })
    expect(created.status).toBe(201)
    await eventually(async () => {
      const [note] = a.doc.getArray<import('yjs').Map<unknown>>('notes').toArray()
      expect(note?.get('id')).toBe(created.body.message.id)
      expect(String(note?.get('body'))).toBe('Written over REST')
    })
    // Shown once, not projected back as a second message.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const messages = (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages
    expect(messages.filter((m: { kind: string }) => m.kind === 'note')).toHaveLength(1)
  })

  test('a colleague’s edit of someone else’s note is undone in the document; the message keeps the author’s text', async () => {
    const ticketId = await newTicket('a note only its author edits')
    const author = collab(ticketId, token)
    await author.synced
    writeNote(author.doc, 'n-colleague', adminId, 'Refund approved')
    const noteMessage = async () =>
      (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages.find((m: { kind: string }) => m.kind === 'note')
    await eventually(async () => expect((await noteMessage())?.body).toBe('Refund approved'))

    const bea = await newAgent('Bea')
    const colleague = collab(ticketId, { cookie: bea.api.cookie! })
    await colleague.synced
    const body = () => String(colleague.doc.getArray<import('yjs').Map<unknown>>('notes').get(0)?.get('body'))
    await eventually(async () => expect(body()).toBe('Refund approved'))
    ;(colleague.doc.getArray<import('yjs').Map<unknown>>('notes').get(0)!.get('body') as import('yjs').Text).insert(0, 'Not ')

    // Put back everywhere: in her copy, in the author's, and the message was never changed or marked edited.
    await eventually(async () => expect(body()).toBe('Refund approved'))
    await eventually(async () => expect(String(notesOfAuthor(author)[0]?.get('body'))).toBe('Refund approved'))
    const message = await noteMessage()
    expect(message).toMatchObject({ body: 'Refund approved', authorId: adminId, editedAt: null })
  })
})

describe('assignment', () => {
  test('set in the document by someone allowed, it is made in the database with its event', async () => {
    const ticketId = await newTicket('assign me through the document')
    const a = collab(ticketId, token)
    await a.synced
    a.doc.getMap('assignment').set('assigneeId', adminId)
    await eventually(async () => expect((await setup.api.get(`/api/tickets/${ticketId}`)).body.ticket.assigneeId).toBe(adminId))
    const events = (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages.filter(
      (m: { kind: string }) => m.kind === 'event',
    )
    expect(events.map((m: { body: string }) => m.body).join(' ')).toMatch(/assigned the ticket/)
  })

  test('an agent taking a colleague’s ticket in the document is reverted; over REST it is 403', async () => {
    const ticketId = await newTicket('owned by a colleague')
    const owner = await newAgent('Owner')
    const other = await newAgent('Other')
    expect((await setup.api.patch(`/api/tickets/${ticketId}`, { assigneeId: owner.id })).status).toBe(200)

    expect((await other.api.patch(`/api/tickets/${ticketId}`, { assigneeId: other.id })).status).toBe(403)
    const b = collab(ticketId, { cookie: other.api.cookie! })
    await b.synced
    await eventually(async () => expect(b.doc.getMap('assignment').get('assigneeId')).toBe(owner.id))
    b.doc.getMap('assignment').set('assigneeId', other.id)
    await eventually(async () => expect(b.doc.getMap('assignment').get('assigneeId')).toBe(owner.id))
    expect((await setup.api.get(`/api/tickets/${ticketId}`)).body.ticket.assigneeId).toBe(owner.id)

    // An id that names nobody is reverted too.
    const a = collab(ticketId, token)
    await a.synced
    a.doc.getMap('assignment').set('assigneeId', 'not-an-agent')
    await eventually(async () => expect(a.doc.getMap('assignment').get('assigneeId')).toBe(owner.id))
  })
})

describe('presence and duplicate replies', () => {
  test('a supervisor sees who is on which ticket and who types, once and as a live stream', async () => {
    const ticketId = await newTicket('watch the presence')
    const aiko = await newAgent('Aiko')
    const supervisor = await newAgent('Sam', 'supervisor')
    // (What an agent sees of presence, only the tickets they may see, is in presence-visibility.test.ts.)
    const controller = new AbortController()
    const stream = await fetch(`${setup.server.url}/api/presence/stream`, {
      headers: { cookie: supervisor.api.cookie! },
      signal: controller.signal,
    })
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    const events: string[] = []
    const reading = (async () => {
      const decoder = new TextDecoder()
      const reader = stream.body!.getReader()
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) events.push(decoder.decode(chunk.value))
    })().catch(() => {})

    const a = collab(ticketId, { cookie: aiko.api.cookie! })
    await a.synced
    a.keepTyping({ id: aiko.id, name: 'Aiko', color: '#e91e63' })
    const entry = { ticketId, agents: [{ id: aiko.id, name: 'Aiko', typing: true }] }
    await eventually(async () => expect((await supervisor.api.get('/api/presence')).body.tickets).toContainEqual(entry))
    await eventually(async () => expect(events.join('')).toContain(JSON.stringify(entry)))

    a.close()
    await eventually(async () => {
      const tickets = (await supervisor.api.get('/api/presence')).body.tickets
      expect(tickets.find((t: { ticketId: string }) => t.ticketId === ticketId)).toBeUndefined()
    })
    controller.abort()
    await reading
  })

  test('a reply while a colleague types, or after a colleague’s reply the sender did not see, is 409 until confirmed', async () => {
    const ticketId = await newTicket('two agents one customer')
    const aiko = await newAgent('Aiko')
    const ben = await newAgent('Ben')
    const a = collab(ticketId, { cookie: aiko.api.cookie! })
    await a.synced
    a.keepTyping({ id: aiko.id, name: 'Aiko', color: '#e91e63' })

    await eventually(async () => {
      const refused = await ben.api.post(`/api/tickets/${ticketId}/replies`, { body: 'Hello from Ben' })
      expect(refused.status).toBe(409)
      expect(refused.body.error.code).toBe('reply_conflict')
      expect(refused.body.error.details.typing).toEqual([{ id: aiko.id, name: 'Aiko' }])
    })
    // Typing oneself is no conflict.
    const seen = (await aiko.api.get(`/api/tickets/${ticketId}`)).body.messages.at(-1).id
    const aikoReply = await aiko.api.post(`/api/tickets/${ticketId}/replies`, {
      body: 'Hello from Aiko',
      lastSeenMessageId: seen,
    })
    expect(aikoReply.status).toBe(202)
    a.stopTyping()
    a.provider.awareness.setLocalStateField('typing', false)

    const late = await ben.api.post(`/api/tickets/${ticketId}/replies`, { body: 'Hello again', lastSeenMessageId: seen })
    expect(late.status).toBe(409)
    expect(late.body.error.details.replies).toEqual([
      expect.objectContaining({ id: aikoReply.body.message.id, authorId: aiko.id, authorName: 'Aiko', body: 'Hello from Aiko' }),
    ])
    const confirmed = await ben.api.post(`/api/tickets/${ticketId}/replies`, {
      body: 'Hello again',
      lastSeenMessageId: seen,
      confirm: true,
    })
    expect(confirmed.status).toBe(202)

    const unknown = await ben.api.post(`/api/tickets/${ticketId}/replies`, { body: 'x', lastSeenMessageId: ticketId })
    expect(unknown.status).toBe(400)
  })
})

test('a socket whose agent may no longer see the ticket is closed', async () => {
  const ticketId = await newTicket('taken away into a team')
  const agent = await newAgent('Kai')
  const team = await setup.api.post('/api/teams', { name: `Elsewhere ${Math.random()}`, agentIds: [] })
  const a = collab(ticketId, { cookie: agent.api.cookie! })
  await a.synced
  const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)))
  expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId: team.body.team.id })).status).toBe(200)
  expect(await closed).toBe(1008)
})

test('an agent taken out of the ticket’s team loses the socket', async () => {
  const agent = await newAgent('Lea')
  const team = await setup.api.post('/api/teams', { name: `Billing ${Math.random()}`, agentIds: [agent.id] })
  const ticketId = await newTicket('a billing question for the team')
  expect((await setup.api.patch(`/api/tickets/${ticketId}`, { teamId: team.body.team.id })).status).toBe(200)
  const a = collab(ticketId, { cookie: agent.api.cookie! })
  await a.synced
  const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)))
  expect((await setup.api.patch(`/api/agents/${agent.id}`, { teamIds: [] })).status).toBe(200)
  expect(await closed).toBe(1008)
})

test('signing out closes that browser’s ticket sockets', async () => {
  const agent = await newAgent('Noa')
  const ticketId = await newTicket('a sign-out closes the socket')
  const a = collab(ticketId, { cookie: agent.api.cookie! })
  await a.synced
  const closed = new Promise<number>((resolve) => a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)))
  expect((await agent.api.post('/api/auth/logout')).status).toBe(200)
  expect(await closed).toBe(1008)
})

test('an assignment made in the document runs the ticket_updated rules, as one over REST does', async () => {
  const rule = await setup.api.post('/api/rules', {
    name: 'Tag what gets an owner',
    event: 'ticket_updated',
    conditions: { all: [{ field: 'status', op: 'eq', value: 'open' }] },
    actions: [{ type: 'add_tag', tag: 'owned' }],
  })
  expect(rule.status).toBe(201)
  try {
    const ticketId = await newTicket('rules after a document assignment')
    const a = collab(ticketId, token)
    await a.synced
    a.doc.getMap('assignment').set('assigneeId', adminId)
    await eventually(async () => expect((await setup.api.get(`/api/tickets/${ticketId}`)).body.ticket.tags).toContain('owned'))
  } finally {
    await setup.api.request('DELETE', `/api/rules/${rule.body.rule.id}`)
  }
})
