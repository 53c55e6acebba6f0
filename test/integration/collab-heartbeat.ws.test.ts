// The sockets' heartbeat, with the ping every second (SOCKET_HEARTBEAT_SECONDS=1): a collaboration socket
// that stops answering pings is closed and its agent leaves the document's awareness and presence for
// everyone else, while a socket that answers stays; a chat socket that stops answering is closed too.
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { ApiClient } from '../support/api-client.ts'
import { type CollabClient, openCollab } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer({ SOCKET_HEARTBEAT_SECONDS: '1' })

let adminId: string
let token: string
let ticketId: string
const open: CollabClient[] = []

beforeAll(async () => {
  adminId = (await setup.api.get('/api/me')).body.agent.id
  token = (await setup.api.post('/api/tokens', { name: 'heartbeat' })).body.token
  const formId = await createFormChannel(setup.api)
  await submitForm(setup.server.url, formId, { name: 'Customer', email: 'heartbeat@example.com', message: 'is anyone there' })
  ticketId = (await setup.api.get('/api/tickets?q=anyone')).body.items[0].id
})
afterAll(async () => {
  for (const client of open) client.close()
})

/** A raw socket that never answers pings (ws answers them by itself unless told not to). */
const silentSocket = (path: string) => rawSocket(path, { answerPings: false })

async function rawSocket(
  path: string,
  options: { answerPings: boolean },
): Promise<{ socket: WebSocket; pings: () => number; closed: Promise<number> }> {
  const socket = new WebSocket(`${setup.server.url.replace(/^http/, 'ws')}${path}`, { autoPong: options.answerPings })
  let pings = 0
  socket.on('ping', () => pings++)
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  return { socket, pings: () => pings, closed }
}

async function presenceOf(ticket: string): Promise<{ id: string }[]> {
  const tickets = (await setup.api.get('/api/presence')).body.tickets as { ticketId: string; agents: { id: string }[] }[]
  return tickets.find((entry) => entry.ticketId === ticket)?.agents ?? []
}

test('a collaboration socket that stops answering pings is closed, and its agent leaves for the others at once', async () => {
  const watcherEmail = `wen${Math.random().toString(36).slice(2, 6)}@example.com`
  const created = await setup.api.post('/api/agents', {
    email: watcherEmail,
    name: 'Wen',
    role: 'agent',
    password: 'agent-password-1',
  })
  expect(created.status).toBe(201)
  const watcherId = created.body.agent.id
  const watcherApi = await new ApiClient(setup.server.url).login(watcherEmail, 'agent-password-1')
  const watcher = openCollab(setup.server.url, ticketId, { cookie: watcherApi.cookie! })
  open.push(watcher)
  await watcher.synced
  watcher.provider.awareness.setLocalState({ user: { id: watcherId, name: 'Wen', color: '#0a0' }, typing: false })

  const silent = await silentSocket(`/collab/${ticketId}?token=${token}`)
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState({ user: { id: adminId, name: 'Admin', color: '#00f' }, typing: true })
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]))
  silent.socket.send(encoding.toUint8Array(encoder))

  await eventually(async () => {
    expect(watcher.provider.awareness.getStates().get(awareness.clientID)?.user?.name).toBe('Admin')
    expect((await presenceOf(ticketId)).map((agent) => agent.id).sort()).toEqual([adminId, watcherId].sort())
  })

  // Terminated without a closing handshake: the client sees 1006.
  expect(await silent.closed).toBe(1006)
  expect(silent.pings()).toBeGreaterThanOrEqual(1)
  awareness.destroy()
  await eventually(
    async () => {
      expect(watcher.provider.awareness.getStates().has(awareness.clientID)).toBe(false)
      expect((await presenceOf(ticketId)).map((agent) => agent.id)).toEqual([watcherId])
    },
    { timeoutMs: 2_000 },
  )

  // The watcher answers its pings and stays through several of them: a socket that answers too counts them.
  const answering = await rawSocket(`/collab/${ticketId}?token=${token}`, { answerPings: true })
  await eventually(async () => expect(answering.pings()).toBeGreaterThanOrEqual(3), { timeoutMs: 15_000 })
  expect(answering.socket.readyState).toBe(WebSocket.OPEN)
  answering.socket.close()
  await answering.closed
  expect(watcher.provider.wsconnected).toBe(true)
  await eventually(async () => expect((await presenceOf(ticketId)).map((agent) => agent.id)).toEqual([watcherId]))
})

test('a chat socket that stops answering pings is closed too', async () => {
  const channel = await setup.api.post('/api/channels', { kind: 'chat', name: 'Website', config: {} })
  expect(channel.status).toBe(201)
  const silent = await silentSocket(`/chat/socket?channel=${channel.body.channel.id}`)
  expect(await silent.closed).toBe(1006)
  expect(silent.pings()).toBeGreaterThanOrEqual(1)
})
