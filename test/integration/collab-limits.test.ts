// The collaboration socket under bad input and bad networks: a huge update, a document grown past its
// limit, an awareness flood, another socket's awareness spoofed, an offline client coming back, and a
// document of many updates across restarts. The document and the other clients are unaffected.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ApiClient } from '../support/api-client.ts'
import { type CollabClient, openCollab } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let admin: ApiClient
let token: string
let formId: string
const open: CollabClient[] = []

async function newTicket(message: string): Promise<string> {
  await submitForm(server.url, formId, { name: 'Customer', email: `${Math.random().toString(36).slice(2)}@example.com`, message })
  return (await admin.get(`/api/tickets?q=${encodeURIComponent(message)}`)).body.items[0].id
}

function collab(ticketId: string): CollabClient {
  const client = openCollab(server.url, ticketId, token)
  open.push(client)
  return client
}

/** A raw socket on a ticket's document, for frames no real client sends. */
async function rawSocket(ticketId: string): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/${ticketId}?token=${token}`)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  // The server speaks first (sync step 1) once the socket has joined the document.
  await new Promise((resolve) => socket.once('message', resolve))
  return { socket, closed }
}

/** Resolves once the server has handled every frame this socket sent before: it answers a sync step 1 in order. */
async function roundTrip(socket: WebSocket): Promise<void> {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeSyncStep1(encoder, new Y.Doc())
  const answered = new Promise<void>((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return
      socket.off('message', onMessage)
      resolve()
    }
    socket.on('message', onMessage)
  })
  socket.send(encoding.toUint8Array(encoder))
  await answered
}

/** A y-websocket message: its type (0 sync, 1 awareness), for sync the sync step (2 = update), then the payload. */
function frame(type: number[], payload: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  for (const varUint of type) encoding.writeVarUint(encoder, varUint)
  encoding.writeVarUint8Array(encoder, payload)
  return Buffer.from(encoding.toUint8Array(encoder))
}
const updateFrame = (update: Uint8Array) => frame([0, 2], update)
const awarenessFrame = (update: Uint8Array) => frame([1], update)

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('draft').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

beforeAll(async () => {
  server = await startTestServer({}, { process: true })
  admin = await new ApiClient(server.url).login()
  token = (await admin.post('/api/tokens', { name: 'collab limits' })).body.token
  formId = await createFormChannel(admin)
})
afterAll(async () => {
  if (process.env.SHOW_OUTPUT) console.log(server.output().slice(-4000))
  for (const client of open) client.close()
  await server?.stop()
})

test('one update over 256 KiB closes that socket (1009) with a reason; the document keeps its text', async () => {
  const ticketId = await newTicket('a huge update arrives')
  const a = collab(ticketId)
  await a.synced
  a.doc.getText('draft').insert(0, 'kept')
  const { socket, closed } = await rawSocket(ticketId)
  socket.send(updateFrame(textUpdate('x'.repeat(300 * 1024))))
  expect(await closed).toEqual({ code: 1009, reason: 'An update may be at most 256 KiB' })
  const b = collab(ticketId)
  await b.synced
  await eventually(async () => expect(b.doc.getText('draft').toString()).toBe('kept'))
})

test('a frame past 1 MiB is cut off by the socket layer (1009) and the server stays up', async () => {
  const ticketId = await newTicket('a frame far too large')
  const { socket, closed } = await rawSocket(ticketId)
  socket.send(Buffer.alloc(2 * 1024 * 1024, 7))
  expect((await closed).code).toBe(1009)
  expect((await admin.get('/api/me')).status).toBe(200)
})

test('a document past 2 MiB takes no more edits: the writer is closed 1009 with a reason, readers stay', async () => {
  const ticketId = await newTicket('a document that grows too large')
  const reader = collab(ticketId)
  await reader.synced
  const { socket, closed } = await rawSocket(ticketId)
  const chunk = 'y'.repeat(200 * 1024)
  for (let i = 0; i < 12 && socket.readyState === socket.OPEN; i++) {
    socket.send(updateFrame(textUpdate(chunk)))
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const result = await closed
  expect(result).toEqual({ code: 1009, reason: 'The document is too large' })
  expect(reader.provider.wsconnected).toBe(true)
})

test('an awareness flood is dropped and then cut off; another socket’s presence cannot be spoofed', async () => {
  const ticketId = await newTicket('awareness flood and spoofing')
  const a = collab(ticketId)
  await a.synced
  a.provider.awareness.setLocalState({ user: { id: 'a', name: 'Aiko', color: '#000' }, typing: false })
  const victim = a.doc.clientID
  await eventually(async () => expect(a.provider.wsconnected).toBe(true))

  // A forged state for Aiko's client id, as another socket.
  const { socket, closed } = await rawSocket(ticketId)
  const forger = new awarenessProtocol.Awareness(new Y.Doc())
  forger.clientID = victim
  forger.setLocalState({ user: { id: 'x', name: 'Mallory', color: '#fff' }, typing: true })
  ;(forger.meta.get(victim) as { clock: number }).clock = 1_000
  const forged = awarenessProtocol.encodeAwarenessUpdate(forger, [victim])
  socket.send(awarenessFrame(forged))
  await roundTrip(socket)
  const seen = (await admin.get('/api/presence')).body.tickets.find((t: { ticketId: string }) => t.ticketId === ticketId)
  expect(seen.agents.every((agent: { typing: boolean }) => !agent.typing)).toBe(true)

  const own = new awarenessProtocol.Awareness(new Y.Doc())
  for (let i = 0; i < 500 && socket.readyState === socket.OPEN; i++) {
    own.setLocalState({ user: { id: 'f', name: 'Flood', color: '#111' }, typing: i % 2 === 0 })
    const update = awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID])
    socket.send(awarenessFrame(update))
  }
  expect(await closed).toEqual({ code: 1008, reason: 'Too many awareness updates' })
  expect(a.provider.wsconnected).toBe(true)
  expect([...a.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Mallory')).toBe(false)
})

test('a client that edits offline merges on reconnect without losing either side’s text', async () => {
  const ticketId = await newTicket('offline editing merges')
  const a = collab(ticketId)
  const b = collab(ticketId)
  await Promise.all([a.synced, b.synced])
  a.doc.getText('draft').insert(0, 'Hello')
  await eventually(async () => expect(b.doc.getText('draft').toString()).toBe('Hello'))

  a.provider.disconnect()
  a.doc.getText('draft').insert(5, ', offline world')
  b.doc.getText('draft').insert(0, 'Online: ')
  await eventually(async () => expect(b.doc.getText('draft').toString()).toBe('Online: Hello'))
  a.provider.connect()
  const merged = 'Online: Hello, offline world'
  await eventually(async () => {
    expect(a.doc.getText('draft').toString()).toBe(merged)
    expect(b.doc.getText('draft').toString()).toBe(merged)
  })
})

test('a document of many small updates is whole after restarts (compacted when loaded)', async () => {
  const ticketId = await newTicket('many keystrokes over time')
  const a = collab(ticketId)
  await a.synced
  const text = a.doc.getText('draft')
  for (let i = 0; i < 300; i++) text.insert(text.length, String(i % 10))
  let expected = text.toString()
  const b = collab(ticketId)
  await b.synced
  await eventually(async () => expect(b.doc.getText('draft').toString()).toBe(expected))
  for (const client of open.splice(0)) client.close()

  for (let round = 0; round < 2; round++) {
    await server.kill()
    server = await server.restart()
    admin = await new ApiClient(server.url).login()
    const c = collab(ticketId)
    await c.synced
    await eventually(async () => expect(c.doc.getText('draft').toString()).toBe(expected))
    c.doc.getText('draft').insert(0, `${round}`)
    expected = `${round}${expected}`
    await eventually(async () => {
      const d = collab(ticketId)
      await d.synced
      expect(d.doc.getText('draft').toString()).toBe(expected)
    })
    for (const client of open.splice(0)) client.close()
  }
  // Two server processes killed and started again: on a busy machine each start takes seconds.
}, 120_000)
