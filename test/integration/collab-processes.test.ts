// Two server processes on one PostgreSQL: agents connected to different processes co-edit one draft, see
// each other's awareness, a note written on one is projected once, and supervisors on either process see
// everyone's presence. (PGlite is one process: nothing to share, so this runs in the PostgreSQL run.)
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { type CollabClient, openCollab, writeNote } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { usePostgres } from '../support/test-database.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let first: TestServer
let second: TestServer
let token: string
let ticketId: string
const open: CollabClient[] = []

beforeAll(async () => {
  if (!usePostgres) return
  first = await startTestServer({}, { process: true })
  second = await first.restart() // the same database and secret key, while the first still runs
  const admin = await new ApiClient(first.url).login()
  token = (await admin.post('/api/tokens', { name: 'two processes' })).body.token
  const formId = await createFormChannel(admin)
  await submitForm(first.url, formId, { name: 'Aiko', email: 'aiko@example.jp', message: 'two processes one draft' })
  ticketId = (await admin.get('/api/tickets')).body.items[0].id
})
afterAll(async () => {
  for (const client of open) client.close()
  await Promise.all([first?.stop(), second?.stop()])
})

test.skipIf(!usePostgres)('agents on two processes co-edit one draft, see each other and a note is projected once', async () => {
  const a = openCollab(first.url, ticketId, token)
  const b = openCollab(second.url, ticketId, token)
  open.push(a, b)
  await Promise.all([a.synced, b.synced])
  for (let i = 0; i < 20; i++) {
    a.doc.getText('draft').insert(0, 'a')
    b.doc.getText('draft').insert(b.doc.getText('draft').length, 'b')
  }
  await eventually(async () => {
    expect(a.doc.getText('draft').toString()).toBe(b.doc.getText('draft').toString())
    // Concurrent inserts into an empty text: Yjs orders them by client, but none is lost.
    expect([...a.doc.getText('draft').toString()].sort().join('')).toBe(`${'a'.repeat(20)}${'b'.repeat(20)}`)
  })

  a.keepTyping({ id: 'x', name: 'Aiko', color: '#e91e63' })
  await eventually(async () => {
    const states = [...b.provider.awareness.getStates().values()]
    expect(states.find((state) => state.user?.name === 'Aiko')?.typing).toBe(true)
  })
  // A supervisor asking the other process sees the typing agent.
  const onSecond = new ApiClient(second.url)
  onSecond.token = token
  await eventually(async () => {
    const entry = (await onSecond.get('/api/presence')).body.tickets.find((t: { ticketId: string }) => t.ticketId === ticketId)
    expect(entry?.agents).toEqual([expect.objectContaining({ typing: true })])
  })

  writeNote(b.doc, 'shared-note', 'x', 'Written on the second process')
  await eventually(async () => expect(a.doc.getArray('notes').length).toBe(1))
  await eventually(async () => {
    const messages = (await onSecond.get(`/api/tickets/${ticketId}`)).body.messages
    expect(messages.filter((m: { kind: string }) => m.kind === 'note').map((m: { body: string }) => m.body)).toEqual([
      'Written on the second process',
    ])
  })
  // A colleague replying through the second process while the admin types on the first: a conflict.
  const admin = await new ApiClient(first.url).login()
  await admin.post('/api/agents', { email: 'ben@example.com', name: 'Ben', role: 'agent', password: 'agent-password-1' })
  await admin.post('/api/channels', { kind: 'email', name: 'Mail', config: { address: 'help@processes.example' } })
  const ben = await new ApiClient(second.url).login('ben@example.com', 'agent-password-1')
  const reply = await ben.post(`/api/tickets/${ticketId}/replies`, { body: 'Hello from Ben' })
  expect(reply.status).toBe(409)
  expect(reply.body.error.details.typing).toEqual([expect.objectContaining({ name: 'Admin' })])
})

test.skipIf(!usePostgres)(
  'a document opened on a process after edits elsewhere loads them; a large update travels by row id',
  async () => {
    const a = openCollab(first.url, ticketId, token)
    open.push(a)
    await a.synced
    const before = a.doc.getText('draft').toString()
    // Over NOTIFY's 8000-byte payload: sent as a row id and read from the table.
    const large = 'L'.repeat(20_000)
    const b = openCollab(second.url, ticketId, token)
    open.push(b)
    await b.synced
    b.doc.getText('draft').insert(0, large)
    await eventually(async () => expect(a.doc.getText('draft').toString()).toBe(`${large}${before}`))
  },
)
