// Live chat against the real server: visitors on /chat/socket with a `ws` client, agents over REST.
// A visitor's message is a ticket, an agent's reply and typing reach the open widget at once, the
// conversation comes back with the token (and only with it, and never its notes), an email left joins
// the contact, and bad input is refused: floods, huge frames, broken JSON, unknown channels.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink.ts'
import { ApiClient } from '../support/api-client.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

let server: TestServer
let sink: SmtpSink
let admin: ApiClient
let channel: any
const visitors: ChatVisitor[] = []

beforeAll(async () => {
  execFileSync(process.execPath, [
    'node_modules/vite/bin/vite.js',
    'build',
    '--config',
    'vite.widget.config.ts',
    '--logLevel',
    'warn',
  ])
  sink = await startSmtpSink()
  server = await startTestServer({ SMTP_URL: sink.url })
  admin = await new ApiClient(server.url).login()
  // The workspace's mailbox: replies to visitors who have left go through it.
  const mailbox = await admin.post('/api/channels', {
    kind: 'email',
    name: 'Support',
    config: { address: 'support@example.com' },
  })
  expect(mailbox.status).toBe(201)
  const created = await admin.post('/api/channels', { kind: 'chat', name: 'Website chat', config: {} })
  expect(created.status).toBe(201)
  channel = created.body.channel
})
afterAll(async () => {
  await Promise.all(visitors.map((v) => v.leave()))
  await server?.stop()
  await sink?.close()
})

async function arrive(hello: { visitorToken?: string; name?: string; email?: string } = {}, channelId = channel.id) {
  const arrived = await ChatVisitor.arrive(server.url, channelId, hello)
  visitors.push(arrived.visitor)
  return arrived
}

/** A visitor who has written once: their socket, token and the ticket it made. */
async function visitorWithTicket(text = `Where is my order ${randomUUID().slice(0, 8)}?`) {
  const { visitor, welcome } = await arrive()
  const echo = await visitor.say(text)
  expect(echo).toMatchObject({ type: 'message', direction: 'inbound', text })
  const ticket = await eventually(async () => {
    const found = (await admin.get(`/api/tickets?channel=chat&q=${encodeURIComponent(text)}`)).body.items
    expect(found).toHaveLength(1)
    return found[0]
  })
  return { visitor, token: welcome.visitorToken as string, ticket, echo }
}

describe('a conversation', () => {
  test('hello is answered with a new visitor token and an empty history', async () => {
    const { welcome } = await arrive()
    expect(welcome).toEqual({ type: 'welcome', v: 1, visitorToken: expect.stringMatching(/^vt_[\w-]{43}$/), history: [] })
  })

  test("a visitor's message becomes a chat ticket, echoed with its id to the visitor", async () => {
    const { ticket, echo } = await visitorWithTicket('My parcel has not arrived\nIt was due Monday')
    expect(echo).toMatchObject({ id: expect.any(String), clientId: expect.any(String), authorName: null })
    expect(ticket).toMatchObject({
      channelId: channel.id,
      channelKind: 'chat',
      subject: 'My parcel has not arrived',
      status: 'open',
    })
    const detail = await admin.get(`/api/tickets/${ticket.id}`)
    expect(detail.body.messages).toMatchObject([
      { id: echo.id, kind: 'message', direction: 'inbound', body: 'My parcel has not arrived\nIt was due Monday' },
    ])
    const contact = await admin.get(`/api/contacts/${ticket.contactId}`)
    expect(kindsAndValues(contact.body.identities)).toEqual([{ kind: 'chat', value: expect.stringMatching(/^[0-9a-f]{64}$/) }])
  })

  test('the same message sent again (after a reconnect) is stored once', async () => {
    const { visitor, ticket } = await visitorWithTicket()
    const clientId = randomUUID()
    const first = await visitor.say('Sent twice', clientId)
    const again = await visitor.say('Sent twice', clientId)
    expect(again.id).toBe(first.id)
    const detail = await admin.get(`/api/tickets/${ticket.id}`)
    expect(detail.body.messages.filter((m: any) => m.body === 'Sent twice')).toHaveLength(1)
  })

  test("the agent's reply reaches the visitor's socket at once, with the agent's name", async () => {
    const { visitor, ticket } = await visitorWithTicket()
    const started = Date.now()
    const reply = await admin.post(`/api/tickets/${ticket.id}/replies`, { body: 'It left our warehouse today.' })
    expect(reply.status).toBe(202)
    const arrived = await visitor.next((f) => f.type === 'message' && f.direction === 'outbound')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(arrived).toEqual({
      type: 'message',
      id: reply.body.message.id,
      direction: 'outbound',
      text: 'It left our warehouse today.',
      at: expect.any(String),
      authorName: expect.any(String),
    })
    const me = await admin.get('/api/me')
    expect(arrived.authorName).toBe(me.body.agent.name)
    await eventually(async () => {
      const detail = await admin.get(`/api/tickets/${ticket.id}`)
      expect(detail.body.messages.at(-1)).toMatchObject({ status: 'sent', externalId: `chat:${reply.body.message.id}` })
    })
  })

  test('every open tab of the visitor gets the reply', async () => {
    const { visitor, token, ticket } = await visitorWithTicket()
    const { visitor: secondTab } = await arrive({ visitorToken: token })
    await admin.post(`/api/tickets/${ticket.id}/replies`, { body: 'Both tabs' })
    await visitor.next((f) => f.text === 'Both tabs')
    await secondTab.next((f) => f.text === 'Both tabs')
  })

  test('the agent typing shows in the widget, and stopping hides it', async () => {
    const { visitor, ticket } = await visitorWithTicket()
    const me = await admin.get('/api/me')
    const typing = await admin.post(`/api/tickets/${ticket.id}/typing`, { typing: true })
    expect(typing).toMatchObject({ status: 200, body: { shown: true } })
    expect(await visitor.next((f) => f.type === 'agent_typing')).toEqual({
      type: 'agent_typing',
      typing: true,
      name: me.body.agent.name,
    })
    await admin.post(`/api/tickets/${ticket.id}/typing`, { typing: false })
    expect(await visitor.next((f) => f.type === 'agent_typing')).toMatchObject({ typing: false })
  })

  test('typing on a ticket nobody watches is shown to nobody; bad bodies and unseen tickets are refused', async () => {
    const { visitor, ticket } = await visitorWithTicket()
    await visitor.leave()
    expect((await admin.post(`/api/tickets/${ticket.id}/typing`, { typing: true })).body).toEqual({ shown: false })
    expect((await admin.post(`/api/tickets/${ticket.id}/typing`, { typing: 'yes' })).status).toBe(400)
    expect((await admin.post(`/api/tickets/${randomUUID()}/typing`, { typing: true })).status).toBe(404)
    expect((await new ApiClient(server.url).post(`/api/tickets/${ticket.id}/typing`, { typing: true })).status).toBe(401)
  })
})

describe('history and privacy', () => {
  test('coming back with the token brings the conversation and the reply, never a note', async () => {
    const { visitor, token, ticket, echo } = await visitorWithTicket()
    const reply = await admin.post(`/api/tickets/${ticket.id}/replies`, { body: 'We are on it.' })
    await visitor.next((f) => f.id === reply.body.message.id)
    expect((await admin.post(`/api/tickets/${ticket.id}/notes`, { body: 'Internal: customer is VIP' })).status).toBe(201)
    await visitor.leave()

    const { welcome } = await arrive({ visitorToken: token })
    expect(welcome.visitorToken).toBe(token)
    expect(welcome.history).toEqual([
      { id: echo.id, direction: 'inbound', text: echo.text, at: expect.any(String), authorName: null },
      {
        id: reply.body.message.id,
        direction: 'outbound',
        text: 'We are on it.',
        at: expect.any(String),
        authorName: expect.any(String),
      },
    ])
    expect(JSON.stringify(welcome)).not.toContain('VIP')
  })

  test('a reply written while the visitor is away waits in their history', async () => {
    const { visitor, token, ticket } = await visitorWithTicket()
    await visitor.leave()
    const reply = await admin.post(`/api/tickets/${ticket.id}/replies`, { body: 'Answered while you were away' })
    await eventually(async () => {
      const detail = await admin.get(`/api/tickets/${ticket.id}`)
      expect(detail.body.messages.find((m: any) => m.id === reply.body.message.id)).toMatchObject({ status: 'sent' })
    })
    const { welcome } = await arrive({ visitorToken: token })
    expect(welcome.history.map((h: any) => h.text)).toContain('Answered while you were away')
  })

  test('a reply to a visitor who left an email and is gone goes to that email', async () => {
    const { visitor, ticket } = await visitorWithTicket()
    const email = uniqueEmail('gone')
    visitor.send({ type: 'identify', email })
    await eventually(async () => expect((await admin.get(`/api/tickets/${ticket.id}`)).body.contact.email).toBe(email))
    await visitor.leave()
    const reply = await admin.post(`/api/tickets/${ticket.id}/replies`, { body: 'By mail, please' })
    const mail = await eventually(async () => {
      const found = sink.mails.find((m) => m.envelope.to.includes(email))
      expect(found).toBeDefined()
      return found!
    })
    expect(mail.parsed.text).toContain('By mail, please')
    await eventually(async () => {
      const detail = await admin.get(`/api/tickets/${ticket.id}`)
      expect(detail.body.messages.find((m: any) => m.id === reply.body.message.id)).toMatchObject({ status: 'sent' })
    })
  })

  test("another visitor never sees someone else's conversation", async () => {
    const { visitor: owner, ticket } = await visitorWithTicket('A private matter of mine')
    const { visitor: stranger, welcome } = await arrive()
    expect(welcome.history).toEqual([])
    await admin.post(`/api/tickets/${ticket.id}/replies`, { body: 'Private answer' })
    // Once the owner has the answer, it has gone wherever it was going to go.
    await owner.next((f) => f.type === 'message' && f.text === 'Private answer', 15_000)
    expect(JSON.stringify(stranger.frames)).not.toContain('Private')
  })

  test('a forged token gets a fresh conversation', async () => {
    await visitorWithTicket()
    const { welcome: malformed } = await arrive({ visitorToken: 'vt_guess' })
    expect(malformed.visitorToken).not.toBe('vt_guess')
    expect(malformed.history).toEqual([])
    const madeUp = `vt_${'A'.repeat(43)}`
    const { welcome: wellFormed } = await arrive({ visitorToken: madeUp })
    expect(wellFormed.history).toEqual([])
  })

  test('the visitor id an agent sees (the chat identity) does not open the conversation', async () => {
    const { ticket } = await visitorWithTicket('Secret by id')
    const contact = await admin.get(`/api/contacts/${ticket.contactId}`)
    const visitorId = contact.body.identities[0].value
    const { welcome } = await arrive({ visitorToken: visitorId })
    expect(welcome.history).toEqual([])
  })
})

describe('an email left in the widget', () => {
  test('joins the contact, and a form submission with that email lands on the same contact', async () => {
    const { visitor, ticket } = await visitorWithTicket()
    const email = uniqueEmail('chat')
    visitor.send({ type: 'identify', name: 'Kim Lee', email: email.toUpperCase() })
    const contact = await eventually(async () => {
      const found = await admin.get(`/api/contacts/${ticket.contactId}`)
      expect(kindsAndValues(found.body.identities)).toContainEqual({ kind: 'email', value: email })
      // The profile and its identities are two reads: a poll between them sees the identity first.
      expect(found.body.contact).toMatchObject({ name: 'Kim Lee', email })
      return found.body
    })
    expect(contact.contact).toMatchObject({ name: 'Kim Lee', email })

    const formChannel = await createFormChannel(admin)
    const submitted = await submitForm(server.url, formChannel, { name: 'Kim', email, message: 'Also by form' })
    expect(submitted.status).toBe(201)
    const formTickets = (await admin.get(`/api/tickets?channel=form&contactId=${ticket.contactId}`)).body.items
    expect(formTickets.map((t: any) => t.number)).toContain(submitted.body.ticketNumber)
  })

  test('given in hello before the first message, it comes with the message and makes one contact', async () => {
    const email = uniqueEmail('hello')
    const { visitor } = await arrive({ name: 'Ada', email })
    const text = `Hello with email ${randomUUID().slice(0, 8)}`
    await visitor.say(text)
    const ticket = await eventually(async () => {
      const [found] = (await admin.get(`/api/tickets?channel=chat&q=${encodeURIComponent(text)}`)).body.items
      expect(found).toBeTruthy()
      return found
    })
    const contact = await admin.get(`/api/contacts/${ticket.contactId}`)
    expect(contact.body.contact).toMatchObject({ name: 'Ada', email })
    expect(kindsAndValues(contact.body.identities)).toContainEqual({ kind: 'email', value: email })
  })
})

describe('bad input', () => {
  test('flooding is refused with rate_limited, nothing more is stored, and keeping on closes the socket with 1008', async () => {
    const { visitor, ticket } = await visitorWithTicket()
    const before = (await admin.get(`/api/tickets/${ticket.id}`)).body.messages.length
    for (let i = 0; i < 40; i++) visitor.send({ type: 'message', clientId: `flood-${i}`, text: `flood ${i}` })
    const refused = await visitor.next((f) => f.type === 'error')
    expect(refused).toMatchObject({ code: 'rate_limited', clientId: expect.stringMatching(/^flood-/) })
    expect((await visitor.closed).code).toBe(1008)
    // The first message made the ticket and counts in the same window: nine more pass, stored one by one.
    const stored = async () => (await admin.get(`/api/tickets/${ticket.id}`)).body.messages.length - before
    await eventually(async () => expect(await stored()).toBe(9))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await stored()).toBe(9)
  })

  test('a frame over 16 KB closes the socket with 1009', async () => {
    const { visitor } = await arrive()
    visitor.send({ type: 'message', clientId: 'big', text: 'x'.repeat(17 * 1024) })
    expect((await visitor.closed).code).toBe(1009)
  })

  test('a message over 4000 characters is refused as too_large; the socket stays', async () => {
    const { visitor } = await arrive()
    const refused = await visitor.say('y'.repeat(4001), 'long-one')
    expect(refused).toMatchObject({ type: 'error', code: 'too_large', clientId: 'long-one' })
    expect(await visitor.say('short now')).toMatchObject({ type: 'message', text: 'short now' })
  })

  test('broken JSON, unknown frames and messages before hello are invalid_message; the socket stays', async () => {
    const visitor = await ChatVisitor.connect(server.url, channel.id)
    visitors.push(visitor)
    visitor.send('{not json')
    expect(await visitor.next((f) => f.type === 'error')).toMatchObject({ code: 'invalid_message' })
    visitor.send({ type: 'shout', text: 'hi' })
    expect(await visitor.next((f) => f.type === 'error')).toMatchObject({ code: 'invalid_message' })
    visitor.send({ type: 'message', clientId: 'early', text: 'before hello' })
    expect(await visitor.next((f) => f.type === 'error')).toMatchObject({ code: 'invalid_message', message: 'Say hello first.' })
    visitor.send({ type: 'hello', v: 1 })
    expect(await visitor.next((f) => f.type === 'welcome')).toMatchObject({ history: [] })
  })

  test('an unknown channel, or one that is not a chat channel, is told so and closed', async () => {
    const formChannel = await createFormChannel(admin, 'Not a chat')
    for (const channelId of [randomUUID(), 'nonsense', formChannel]) {
      const visitor = await ChatVisitor.connect(server.url, channelId)
      visitor.send({ type: 'hello', v: 1 })
      expect(await visitor.next((f) => f.type === 'error')).toMatchObject({ code: 'unknown_channel' })
      expect((await visitor.closed).code).toBe(1008)
      expect(visitor.frames.some((f) => f.type === 'welcome')).toBe(false)
    }
  })

  test('a socket on any other path is refused', async () => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/not-a-socket`)
    const status = await new Promise((resolve) => {
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode))
      socket.once('error', (error) => resolve(error))
    })
    expect(status).toBe(404)
  })
})

describe('the widget', () => {
  test('a chat channel answers with the snippet that embeds the widget', async () => {
    expect(channel.widgetSnippet).toBe(`<script src="${server.url}/widget.js" data-channel="${channel.id}" async></script>`)
    const listed = (await admin.get('/api/channels')).body.items
    expect(listed.find((c: any) => c.id === channel.id).widgetSnippet).toBe(channel.widgetSnippet)
    expect(listed.filter((c: any) => c.kind !== 'chat').every((c: any) => c.widgetSnippet === null)).toBe(true)
  })

  test('GET /widget.js answers JavaScript with a short cache', async () => {
    const response = await fetch(`${server.url}/widget.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const script = await response.text()
    expect(script).toContain('/chat/socket')
    expect(script.length).toBeLessThan(40_000)
  })

  test('GET /chat-demo embeds the widget for a chat channel, and is a 404 for anything else', async () => {
    const page = await fetch(`${server.url}/chat-demo?channel=${channel.id}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(channel.widgetSnippet)
    expect((await fetch(`${server.url}/chat-demo?channel=${randomUUID()}`)).status).toBe(404)
    expect((await fetch(`${server.url}/chat-demo`)).status).toBe(404)
  })
})
