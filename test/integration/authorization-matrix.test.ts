// Every route of the served OpenAPI document and every websocket the server routes, asked by each kind of
// caller: nobody signed in, an agent of another team, an agent of the ticket's team, a supervisor and an
// admin. Each answer is checked against the route's access rule, and no answer to a caller who may not see
// the hidden ticket carries anything of it or of its customer. Routes and sockets are read from the server
// itself, so a new one without a rule here fails the test instead of going unchecked.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import { rows } from '../../server/db/rows.ts'
import { type SignedInAgent, signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { createEmailChannel } from '../support/email-server.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { adminEmail, adminPassword, useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

const roles = ['anonymous', 'outsider', 'agent', 'supervisor', 'admin'] as const
type Role = (typeof roles)[number]

/**
 * Who may use a route: anyone (`public`, answered without a session); any signed-in agent; admins only;
 * supervisors and admins; whoever may see the hidden ticket or its customer (everyone but the outsider);
 * only the agent a notification belongs to (the admin here).
 */
type Access = 'public' | 'signed-in' | 'admin' | 'supervisor' | 'ticket' | 'contact' | 'own'

interface Request {
  path: string
  body?: unknown
}

interface Rule {
  access: Access
  /** The concrete request for a role (fresh fixtures where a call changes something). */
  request?: (role: Role) => Promise<Request> | Request
}

const fx = {} as {
  teamId: string
  channelId: string
  chatChannelId: string
  ticket: { id: string; number: number; contactId: string }
  customer: { name: string; email: string; phone: string; message: string; subject: string }
  note: string
  attachmentPath: string
  ruleId: string
  notificationId: string
  clients: Record<Exclude<Role, 'anonymous'>, ApiClient>
  agents: Record<'outsider' | 'agent' | 'supervisor', SignedInAgent>
}

/** A fresh tag (made by the admin), for a change that uses one up. */
async function aTag(): Promise<string> {
  const name = `tag-${randomUUID().slice(0, 8)}`
  const made = await setup.api.post('/api/tags', { name })
  if (made.status !== 201) throw new Error(`tag not made: ${made.status}`)
  return name
}

/** Another customer of the hidden ticket's team (a merge's source): merged in, it shows the outsider nothing new. */
async function teamCustomer(): Promise<string> {
  const ticket = await ticketFromForm(setup.api, fx.channelId, {
    name: 'Team Tom',
    email: uniqueEmail('team'),
    message: `team ${randomUUID()}`,
  })
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { teamId: fx.teamId })).status).toBe(200)
  return ticket.contactId
}

/** A stored inbound event (the hidden ticket's form post is one); retrying a processed one changes nothing. */
async function anInboundEventId(): Promise<string> {
  const [event] = await rows<{ id: string }>(setup.server.database!.db, sql`select id from inbound_events limit 1`)
  return event!.id
}

/** A fresh reply shared with the workspace (made by the admin), for a call that changes or removes it. */
async function aWorkspaceReply(): Promise<string> {
  const made = await setup.api.post('/api/saved-replies', { title: `Shared ${randomUUID()}`, body: 'Hello', scope: 'workspace' })
  expect(made.status).toBe(201)
  return made.body.savedReply.id
}

/** A fresh macro (made by the admin), for a call that changes, removes or runs it. */
async function aMacro(): Promise<string> {
  const made = await setup.api.post('/api/macros', {
    name: `Macro ${randomUUID()}`,
    actions: [{ type: 'set_priority', priority: 'high' }],
  })
  expect(made.status).toBe(201)
  return made.body.macro.id
}

const rules: Record<string, Rule> = {
  'POST /api/auth/login': { access: 'public' },
  'POST /api/auth/logout': { access: 'public' },
  'GET /api/me': { access: 'signed-in' },
  'POST /api/tokens': { access: 'admin' },
  'POST /api/agents': { access: 'admin' },
  'GET /api/agents': { access: 'signed-in' },
  'POST /api/teams': { access: 'admin' },
  'GET /api/teams': { access: 'signed-in' },
  'POST /api/channels': { access: 'admin' },
  'GET /api/channels': { access: 'signed-in' },
  'PATCH /api/channels/{id}': { access: 'admin', request: () => ({ path: `/api/channels/${fx.channelId}` }) },
  'GET /api/tickets': { access: 'signed-in' },
  'GET /api/tickets/{id}': { access: 'ticket', request: () => ({ path: ticketPath() }) },
  'PATCH /api/tickets/{id}': { access: 'ticket', request: () => ({ path: ticketPath(), body: { priority: 'high' } }) },
  'POST /api/tickets/{id}/notes': {
    access: 'ticket',
    request: () => ({ path: `${ticketPath()}/notes`, body: { body: 'a note' } }),
  },
  'POST /api/tickets/{id}/replies': {
    access: 'ticket',
    request: () => ({ path: `${ticketPath()}/replies`, body: { body: 'a reply', confirm: true } }),
  },
  'GET /api/tickets/{id}/post': { access: 'ticket', request: () => ({ path: `${ticketPath()}/post` }) },
  // Anyone may ask; a ticket the caller may not see is answered `not_found` in its own result.
  'POST /api/tickets/bulk': {
    access: 'signed-in',
    request: () => ({ path: '/api/tickets/bulk', body: { ticketIds: [fx.ticket.id], set: { addTags: ['matrix'] } } }),
  },
  'POST /api/tickets/{id}/snooze': {
    access: 'ticket',
    request: () => ({ path: `${ticketPath()}/snooze`, body: { until: '2999-01-01T00:00:00.000Z' } }),
  },
  'DELETE /api/tickets/{id}/snooze': { access: 'ticket', request: () => ({ path: `${ticketPath()}/snooze` }) },
  'GET /api/me/signatures': { access: 'signed-in' },
  'PUT /api/me/signatures/{channelId}': {
    access: 'signed-in',
    request: () => ({ path: `/api/me/signatures/${fx.channelId}`, body: { body: 'Best wishes' } }),
  },
  'GET /api/me/reads': { access: 'signed-in' },
  'PUT /api/me/reads/{ticketId}': {
    access: 'ticket',
    request: () => ({ path: `/api/me/reads/${fx.ticket.id}`, body: { read: true } }),
  },
  'GET /api/presence': { access: 'signed-in' },
  'GET /api/presence/stream': { access: 'signed-in' },
  'POST /api/tickets/{id}/typing': {
    access: 'ticket',
    request: () => ({ path: `${ticketPath()}/typing`, body: { typing: false } }),
  },
  'POST /api/channels/{id}/templates': { access: 'admin', request: () => ({ path: `/api/channels/${fx.channelId}/templates` }) },
  'GET /api/channels/{id}/templates': {
    access: 'signed-in',
    request: () => ({ path: `/api/channels/${fx.channelId}/templates` }),
  },
  'GET /api/contacts': { access: 'signed-in' },
  'GET /api/contacts/{id}': { access: 'contact', request: () => ({ path: contactPath() }) },
  'POST /api/contacts/{id}/merge': {
    access: 'contact',
    request: async () => ({ path: `${contactPath()}/merge`, body: { sourceId: await teamCustomer() } }),
  },
  'POST /api/contacts/{id}/identities': {
    access: 'contact',
    request: () => ({ path: `${contactPath()}/identities`, body: { kind: 'email', value: uniqueEmail('added') } }),
  },
  'DELETE /api/contacts/{id}/identities/{identityId}': {
    access: 'contact',
    request: async () => {
      const value = uniqueEmail('removed')
      expect((await setup.api.post(`${contactPath()}/identities`, { kind: 'email', value })).status).toBe(201)
      const { identities } = (await setup.api.get(contactPath())).body as { identities: { id: string; value: string }[] }
      return { path: `${contactPath()}/identities/${identities.find((i) => i.value === value)!.id}` }
    },
  },
  'GET /api/tickets/{id}/audit': { access: 'ticket', request: () => ({ path: `${ticketPath()}/audit` }) },
  'GET /api/contacts/{id}/audit': { access: 'contact', request: () => ({ path: `${contactPath()}/audit` }) },
  'POST /api/channels/{id}/templates/sync': {
    access: 'admin',
    request: () => ({ path: `/api/channels/${fx.channelId}/templates/sync` }),
  },
  'POST /api/contacts/{id}/unmerge': {
    access: 'contact',
    request: async () => {
      const source = await teamCustomer()
      expect((await setup.api.post(`${contactPath()}/merge`, { sourceId: source })).status).toBe(200)
      return { path: `/api/contacts/${source}/unmerge` }
    },
  },
  'POST /webhooks/form/{channelId}': { access: 'public', request: () => ({ path: `/webhooks/form/${fx.channelId}` }) },
  'PATCH /api/agents/{id}': { access: 'admin', request: () => ({ path: `/api/agents/${fx.agents.outsider.agent.id}` }) },
  'PUT /api/me/availability': { access: 'signed-in' },
  'POST /api/me/handoff': { access: 'signed-in' },
  'POST /api/calendars': { access: 'admin' },
  'GET /api/calendars': { access: 'signed-in' },
  'POST /api/sla-policies': { access: 'admin' },
  'GET /api/sla-policies': { access: 'signed-in' },
  'POST /api/rules': { access: 'admin' },
  'GET /api/rules': { access: 'supervisor' },
  'PATCH /api/rules/{id}': { access: 'admin', request: () => ({ path: `/api/rules/${fx.ruleId}` }) },
  'DELETE /api/rules/{id}': { access: 'admin', request: () => ({ path: `/api/rules/${fx.ruleId}` }) },
  'GET /api/tags': { access: 'signed-in' },
  'POST /api/tags': { access: 'supervisor' },
  'PATCH /api/tags/{name}': {
    access: 'supervisor',
    request: async () => ({ path: `/api/tags/${await aTag()}`, body: { color: 'red' } }),
  },
  'DELETE /api/tags/{name}': { access: 'supervisor', request: async () => ({ path: `/api/tags/${await aTag()}` }) },
  'POST /api/tags/{name}/merge': {
    access: 'supervisor',
    request: async () => ({ path: `/api/tags/${await aTag()}/merge`, body: { into: await aTag() } }),
  },
  'GET /api/guidelines': { access: 'signed-in' },
  'PUT /api/guidelines': { access: 'admin', request: () => ({ path: '/api/guidelines', body: { workspace: 'Be kind.' } }) },
  'GET /api/notifications': { access: 'signed-in' },
  'POST /api/notifications/{id}/read': {
    access: 'own',
    request: () => ({ path: `/api/notifications/${fx.notificationId}/read` }),
  },
  'POST /api/notifications/read': { access: 'signed-in' },
  'GET /api/sync': { access: 'signed-in' },
  'GET /api/sync/stream': { access: 'signed-in' },
  'GET /api/inbound-events': { access: 'admin' },
  'POST /api/inbound-events/{id}/retry': {
    access: 'admin',
    request: async () => ({ path: `/api/inbound-events/${await anInboundEventId()}/retry` }),
  },
  'POST /api/sample-data': { access: 'admin' },
  'DELETE /api/sample-data': { access: 'admin' },
  'POST /api/tickets/{id}/mentions': {
    access: 'ticket',
    request: () => ({ path: `${ticketPath()}/mentions`, body: { agentIds: [fx.agents.supervisor.agent.id], body: 'look' } }),
  },
  // Personal replies are anyone's; shared ones are changed by supervisors and admins (agents: 403).
  'GET /api/saved-replies': { access: 'signed-in' },
  'POST /api/saved-replies': {
    access: 'signed-in',
    request: () => ({ path: '/api/saved-replies', body: { title: `Mine ${randomUUID()}`, body: 'x', scope: 'personal' } }),
  },
  'PATCH /api/saved-replies/{id}': {
    access: 'supervisor',
    request: async () => ({ path: `/api/saved-replies/${await aWorkspaceReply()}`, body: { title: 'Changed' } }),
  },
  'DELETE /api/saved-replies/{id}': {
    access: 'supervisor',
    request: async () => ({ path: `/api/saved-replies/${await aWorkspaceReply()}` }),
  },
  'POST /api/tickets/{id}/render-saved-reply': {
    access: 'ticket',
    request: async () => ({ path: `${ticketPath()}/render-saved-reply`, body: { savedReplyId: await aWorkspaceReply() } }),
  },
  // Everyone lists and runs macros (a ticket the caller may not see is `not_found` in its own result);
  // supervisors and admins make them.
  'GET /api/macros': { access: 'signed-in' },
  'POST /api/macros': {
    access: 'supervisor',
    request: () => ({
      path: '/api/macros',
      body: { name: 'Matrix macro', actions: [{ type: 'set_priority', priority: 'low' }] },
    }),
  },
  'PATCH /api/macros/{id}': {
    access: 'supervisor',
    request: async () => ({ path: `/api/macros/${await aMacro()}`, body: { name: 'Changed' } }),
  },
  'DELETE /api/macros/{id}': { access: 'supervisor', request: async () => ({ path: `/api/macros/${await aMacro()}` }) },
  'POST /api/macros/{id}/run': {
    access: 'signed-in',
    request: async () => ({ path: `/api/macros/${await aMacro()}/run`, body: { ticketIds: [fx.ticket.id] } }),
  },
  'GET /health': { access: 'public' },
  'GET /api/attachments/{id}': { access: 'ticket', request: () => ({ path: fx.attachmentPath }) },
  'GET /webhooks/meta': { access: 'public' },
  'POST /webhooks/meta': { access: 'public' },
  'POST /webhooks/email/{channelId}': { access: 'public', request: () => ({ path: `/webhooks/email/${fx.channelId}` }) },
}

/** Who may open a socket, as for routes; `/collab` is the hidden ticket's document. */
const socketRules: Record<string, Access> = { '/collab': 'ticket', '/chat/socket': 'public' }

const ticketPath = () => `/api/tickets/${fx.ticket.id}`
const contactPath = () => `/api/contacts/${fx.ticket.contactId}`

beforeAll(async () => {
  fx.channelId = await createFormChannel(setup.api, 'Matrix form')
  fx.chatChannelId = (await setup.api.post('/api/channels', { kind: 'chat', name: 'Matrix chat', config: {} })).body.channel.id
  // A mailbox, so a reply to the form's customer can be planned and carry a file.
  await createEmailChannel(setup.api, { address: `help-${randomUUID().slice(0, 6)}@shop.example` })
  const outsider = await signedInAgent(setup.api, 'agent', 'Outsider Otto')
  const agent = await signedInAgent(setup.api, 'agent', 'Insider Ida')
  const supervisor = await signedInAgent(setup.api, 'supervisor', 'Supervisor Sue')
  fx.agents = { outsider, agent, supervisor }
  fx.clients = { outsider: outsider.client, agent: agent.client, supervisor: supervisor.client, admin: setup.api }
  const team = await setup.api.post('/api/teams', { name: 'Hidden team', agentIds: [agent.agent.id] })
  fx.teamId = team.body.team.id
  await setup.api.post('/api/teams', { name: 'Outsider team', agentIds: [outsider.agent.id] })

  const secret = randomUUID().slice(0, 8)
  fx.customer = {
    name: `Hilde Geheim${secret}`,
    email: `hilde.${secret}@hidden.example`,
    phone: '+4915123456789',
    subject: `Secret subject ${secret}`,
    message: `My account number is ${secret}-ACCOUNT`,
  }
  const ticket = await ticketFromForm(setup.api, fx.channelId, fx.customer)
  fx.ticket = { id: ticket.id, number: ticket.number, contactId: ticket.contactId }
  expect((await setup.api.patch(ticketPath(), { teamId: team.body.team.id })).status).toBe(200)
  fx.note = `internal ${secret}-NOTE`
  expect((await setup.api.post(`${ticketPath()}/notes`, { body: fx.note })).status).toBe(201)
  const reply = await setup.api.post(`${ticketPath()}/replies`, {
    body: 'Your statement is attached.',
    attachments: [{ name: `statement-${secret}.txt`, mimeType: 'text/plain', base64: Buffer.from(secret).toString('base64') }],
  })
  expect(reply.status).toBe(202)
  fx.attachmentPath = new URL(reply.body.message.attachments[0].url, setup.server.url).pathname
  const rule = await setup.api.post('/api/rules', {
    name: 'Matrix rule',
    event: 'ticket_created',
    conditions: { any: [{ field: 'text', op: 'contains', value: `never-${secret}` }] },
    actions: [{ type: 'set_priority', priority: 'high' }],
  })
  fx.ruleId = rule.body.rule.id
  const mention = await agent.client.post(`${ticketPath()}/mentions`, {
    agentIds: [(await setup.api.get('/api/me')).body.agent.id],
    body: 'for the admin',
  })
  expect(mention.status).toBe(201)
  const inbox = await setup.api.get('/api/notifications')
  fx.notificationId = inbox.body.items.find((n: any) => n.kind === 'mention').id
})

/** What nothing answered to a caller who may not see the hidden ticket may contain. */
function secrets(): string[] {
  const { name, email, phone, subject, message } = fx.customer
  return [name, email, phone, subject, message, fx.note, fx.ticket.id, fx.ticket.contactId, `#${fx.ticket.number}:`]
}

const mayNotSee = (role: Role) => role === 'anonymous' || role === 'outsider'

function expectedStatus(access: Access, role: Role, status: number): boolean {
  const allowed = status < 500 && ![401, 403, 404].includes(status)
  if (access === 'public') return status < 500
  if (role === 'anonymous') return status === 401
  switch (access) {
    case 'signed-in':
      return allowed
    case 'admin':
      return role === 'admin' ? allowed : status === 403
    case 'supervisor':
      return role === 'admin' || role === 'supervisor' ? allowed : status === 403
    case 'ticket':
    case 'contact':
      return role === 'outsider' ? status === 404 : allowed
    case 'own':
      return role === 'admin' ? allowed : status === 404
  }
}

/** Asks as the role; an event stream is read up to its first event, then dropped. */
async function ask(role: Role, method: string, request: Request): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {}
  let client = role === 'anonymous' ? null : fx.clients[role]
  // Signing out ends the session it is sent with: sign that role in again just for it.
  if (client && request.path === '/api/auth/logout') client = await signInAgain(role as Exclude<Role, 'anonymous'>)
  if (client?.cookie) headers.cookie = client.cookie
  const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(request.body ?? {})
  if (body) headers['content-type'] = 'application/json'
  const abort = new AbortController()
  const response = await fetch(setup.server.url + request.path, { method, headers, body, signal: abort.signal })
  let text = ''
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = response.body!.getReader()
    const { value } = await reader.read()
    text = new TextDecoder().decode(value)
    abort.abort()
  } else text = await response.text()
  return { status: response.status, text }
}

async function signInAgain(role: Exclude<Role, 'anonymous'>): Promise<ApiClient> {
  if (role === 'admin') return new ApiClient(setup.server.url).login(adminEmail, adminPassword)
  return new ApiClient(setup.server.url).login(fx.agents[role].agent.email, 'agent-password-1')
}

test('every documented route answers each kind of caller by its rule, and leaks nothing of a hidden ticket', async () => {
  const doc = (await setup.api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  )
  expect(
    operations.filter((op) => !rules[op]),
    'routes with no access rule in this test',
  ).toEqual([])
  expect(
    Object.keys(rules).filter((op) => !operations.includes(op)),
    'rules for routes that are gone',
  ).toEqual([])

  const wrong: string[] = []
  for (const operation of operations) {
    const [method, documentedPath] = operation.split(' ') as [string, string]
    const rule = rules[operation]!
    for (const role of roles) {
      const request = rule.request ? await rule.request(role) : { path: documentedPath }
      const { status, text } = await ask(role, method, request)
      if (!expectedStatus(rule.access, role, status)) wrong.push(`${operation} as ${role}: ${status} ${text.slice(0, 200)}`)
      if (!mayNotSee(role)) continue
      const asked = request.path + JSON.stringify(request.body ?? '')
      for (const secret of secrets().filter((s) => !asked.includes(s))) {
        if (text.includes(secret)) wrong.push(`${operation} as ${role} shows ${secret}`)
      }
    }
  }
  expect(wrong).toEqual([])
})

test('every socket the server routes answers each kind of caller by its rule, and leaks nothing of a hidden ticket', async () => {
  const paths = setup.server.socketPaths ?? []
  expect(paths.length).toBeGreaterThan(0)
  expect(
    paths.filter((path) => !socketRules[path]),
    'sockets with no access rule in this test',
  ).toEqual([])
  const wrong: string[] = []
  for (const path of paths) {
    for (const role of roles) {
      const cookie = role === 'anonymous' ? undefined : (fx.clients[role].cookie ?? undefined)
      const outcome = path === '/chat/socket' ? await openChat(cookie) : await openSocket(`${path}/${fx.ticket.id}`, cookie)
      const access = socketRules[path]!
      const expected =
        access === 'public' ? 101 : role === 'anonymous' ? 401 : access === 'ticket' && role === 'outsider' ? 404 : 101
      if (outcome.status !== expected) wrong.push(`${path} as ${role}: ${outcome.status}, expected ${expected}`)
      if (!mayNotSee(role)) continue
      for (const secret of secrets()) if (outcome.text.includes(secret)) wrong.push(`${path} as ${role} shows ${secret}`)
    }
  }
  expect(wrong).toEqual([])
})

/** Opens a socket with the cookie: its handshake status and whatever it sent before it was closed. */
function openSocket(path: string, cookie?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(setup.server.url.replace(/^http/, 'ws') + path, { headers: cookie ? { cookie } : {} })
    let text = ''
    socket.on('unexpected-response', (_req, res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, text })
    })
    socket.on('message', (data) => {
      text += Buffer.from(data as Buffer).toString('latin1')
    })
    // The document's first sync arrives at once; a moment later the socket is closed.
    socket.on('open', () => setTimeout(() => socket.close(), 300))
    socket.on('close', () => resolve({ status: 101, text }))
    socket.on('error', reject)
  })
}

/** The chat socket is the visitors': a session cookie grants nothing there. A new visitor says hello. */
async function openChat(cookie?: string): Promise<{ status: number; text: string }> {
  const url = ChatVisitor.socketUrl(setup.server.url, fx.chatChannelId)
  const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} })
  const frames: string[] = []
  socket.on('message', (data) => frames.push(String(data)))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  socket.send(JSON.stringify({ type: 'hello', v: 1, email: fx.customer.email }))
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (frames.some((f) => f.includes('"welcome"') || f.includes('"error"'))) done()
    }, 20)
    const timer = setTimeout(done, 5_000)
    function done() {
      clearInterval(check)
      clearTimeout(timer)
      resolve()
    }
  })
  socket.close()
  return { status: 101, text: frames.join('\n') }
}
