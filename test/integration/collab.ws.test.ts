// The collaboration socket with stock y-websocket clients: concurrent edits converge, presence arrives,
// strangers are refused before any document byte, and edits survive a restart.
import { afterAll, beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import { ApiClient } from '../support/api-client.ts'
import { openCollab } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let token: string
let ticketId: string

beforeAll(async () => {
  server = await startTestServer({}, { process: true })
  const api = await new ApiClient(server.url).login()
  token = (await api.post('/api/tokens', { name: 'collab tests' })).body.token
  const formId = await createFormChannel(api)
  await submitForm(server.url, formId, { name: 'Aiko', email: 'aiko@example.jp', message: 'collab ticket' })
  ticketId = (await api.get('/api/tickets')).body.items[0].id
})
afterAll(async () => {
  await server?.stop()
})

test('two agents typing into one draft at once end with the same text, and see each other', async () => {
  const a = openCollab(server.url, ticketId, token)
  const b = openCollab(server.url, ticketId, token)
  await Promise.all([a.synced, b.synced])
  a.provider.awareness.setLocalStateField('user', { id: 'a', name: 'Aiko', color: '#f00' })
  a.provider.awareness.setLocalStateField('typing', true)
  a.doc.getText('draft').insert(0, 'Hello ')
  b.doc.getText('draft').insert(0, 'Dear customer, ')
  await eventually(async () => {
    expect(a.doc.getText('draft').toString()).toBe(b.doc.getText('draft').toString())
    expect(a.doc.getText('draft').toString()).toContain('Hello ')
    expect(a.doc.getText('draft').toString()).toContain('Dear customer, ')
  })
  await eventually(async () => {
    const seen = [...b.provider.awareness.getStates().values()].find((state) => state.user?.name === 'Aiko')
    expect(seen?.typing).toBe(true)
  })
  a.close()
  b.close()
})

test('refuses a socket without credentials, with a wrong token, or for a ticket that does not exist', async () => {
  const status = (path: string) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}${path}`)
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      socket.on('open', () => resolve(101))
      socket.on('error', () => resolve(-1))
    })
  expect(await status(`/collab/${ticketId}`)).toBe(401)
  expect(await status(`/collab/${ticketId}?token=hdt_wrong`)).toBe(401)
  expect(await status(`/collab/00000000-0000-7000-8000-000000000000?token=${token}`)).toBe(404)
  expect(await status(`/collab/not-an-id?token=${token}`)).toBe(404)
})

test('a truncated update is ignored, an unknown message closes that socket only; the document is unaffected', async () => {
  const a = openCollab(server.url, ticketId, token)
  await a.synced
  const before = a.doc.getText('draft').toString()
  const raw = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/${ticketId}?token=${token}`)
  await new Promise((resolve) => raw.on('open', resolve))
  const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)))
  raw.send(Buffer.from([0, 2, 250, 1, 2, 3]))
  raw.send(Buffer.from([0, 9]))
  expect(await closed).toBe(1003)
  a.doc.getText('draft').insert(before.length, '!')
  const b = openCollab(server.url, ticketId, token)
  await b.synced
  await eventually(async () => expect(b.doc.getText('draft').toString()).toBe(`${before}!`))
  a.close()
  b.close()
})

test('edits survive a restart of the server', async () => {
  const a = openCollab(server.url, ticketId, token)
  await a.synced
  a.doc.getText('draft').insert(0, 'Kept: ')
  const expected = a.doc.getText('draft').toString()
  // Stored before it is passed on: once another client has it, it is durable.
  const b = openCollab(server.url, ticketId, token)
  await b.synced
  await eventually(async () => expect(b.doc.getText('draft').toString()).toBe(expected))
  a.close()
  b.close()
  await server.kill()
  server = await server.restart()
  const c = openCollab(server.url, ticketId, token)
  await c.synced
  await eventually(async () => expect(c.doc.getText('draft').toString()).toBe(expected))
  c.close()
}, 120_000) // a server process killed and started again: long on a busy machine

test('an assignment made over REST shows in the document, and a sent reply clears the shared draft', async () => {
  // The server was restarted by the test before: a new session on its new port.
  const admin = await new ApiClient(server.url).login()
  const a = openCollab(server.url, ticketId, token)
  await a.synced
  const me = (await admin.get('/api/me')).body.agent
  expect((await admin.patch(`/api/tickets/${ticketId}`, { assigneeId: me.id })).status).toBe(200)
  await eventually(async () => expect(a.doc.getMap('assignment').get('assigneeId')).toBe(me.id))

  a.doc.getText('draft').insert(0, 'Thanks for waiting, ')
  await admin.post('/api/channels', { kind: 'email', name: 'Mail', config: { address: 'help@collab.example' } })
  const reply = await admin.post(`/api/tickets/${ticketId}/replies`, { body: 'Thanks for waiting, it ships today.' })
  expect(reply.status).toBe(202)
  await eventually(async () => expect(a.doc.getText('draft').toString()).toBe(''))
  a.close()
})
