// Property-based: every route of the served OpenAPI document (so a new route is fuzzed too), every
// webhook and both sockets, fed hostile input: NUL and lone surrogates, crafted cursors and times,
// wrong types, deep nesting, garbage. Never a 500, never a crash, and a request that is refused
// changes nothing (no partial write).
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { messengerText, whatsappText } from '../fakes/meta-webhooks.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useMetaServer()
const pageId = '222000888'
const number = { phoneNumberId: '333000888' }
/** Routes that never end (event streams) or end the session the property runs in. */
const skipped = ['/api/sync/stream', '/api/presence/stream', '/api/auth/logout', '/api/sample-data', '/api/test/clock']
/** Read to tell whether a refused request wrote anything. */
const stateRoutes = [
  '/api/sync?limit=1000',
  '/api/channels',
  '/api/rules',
  '/api/teams',
  '/api/calendars',
  '/api/sla-policies',
  '/api/contacts?limit=200',
]

interface Operation {
  method: string
  path: string
  query: string[]
  bodyKeys: string[] | null
}

const ids: Record<string, string[]> = {}
let operations: Operation[] = []
let formId: string
let chatId: string
let emailId: string

const text = fc.oneof(
  fc.string(),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '%00', 'null', '-1', '1e309', 'x'.repeat(5000), ' '),
  fc.constantFrom(
    '+275760-09-13T00:00:00.000Z',
    '0',
    '1 2',
    '0000-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '9999-12-31T23:59:60Z',
  ),
  fc.constantFrom(
    ...[
      '+275760-09-13T00:00:00.000Z|00000000-0000-0000-0000-000000000000',
      '1e308|x',
      '0|------------------------------------',
    ].map((c) => Buffer.from(c).toString('base64url')),
  ),
)
/** Nesting past the bound, as a marker `serialise` writes out (a value that deep would overflow the test's own stack). */
const deep = fc.integer({ min: 65, max: 20_000 }).map((n) => ({ deepArrays: n }))
const serialise = (body: unknown) =>
  JSON.stringify(body).replace(/\{"deepArrays":(\d+)\}/g, (_, n: string) => `${'['.repeat(Number(n))}${']'.repeat(Number(n))}`)
const value = fc.oneof(text, fc.jsonValue({ maxDepth: 3 }), fc.array(text, { maxLength: 3 }), fc.integer(), fc.double())

/** Percent-encodes anything, lone surrogates included (as the UTF-8 bytes no decoder accepts). */
function encode(textValue: string): string {
  return [...textValue]
    .map((c) => {
      try {
        return encodeURIComponent(c)
      } catch {
        return '%ED%B0%80'
      }
    })
    .join('')
}

/** Everything the state routes show, so a refused request can be shown to have changed nothing. */
async function state(): Promise<string> {
  const pages = await Promise.all(stateRoutes.map((path) => setup.api.get(path)))
  return JSON.stringify(pages.map((page) => ({ ...page.body, cursor: undefined })))
}

/** The state once after-commit work of earlier requests has settled. */
async function settledState(): Promise<string> {
  let before = await state()
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    const after = await state()
    if (after === before) return after
    before = after
  }
  return before
}

beforeAll(async () => {
  const api = setup.api
  await api.post('/api/channels', { kind: 'messenger', name: 'Page', config: { pageId, pageAccessToken: 't' } })
  await api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WA',
    config: { ...number, businessAccountId: '9', accessToken: 't', displayPhoneNumber: '+1 555 0100' },
  })
  chatId = (await api.post('/api/channels', { kind: 'chat', name: 'Chat', config: {} })).body.channel.id
  emailId = (
    await api.post('/api/channels', {
      kind: 'email',
      name: 'Mail',
      config: { address: 'fuzz@edge.example', inboundSecret: 'fuzz-secret-123456' },
    })
  ).body.channel.id
  formId = await createFormChannel(api)
  await submitForm(setup.server.url, formId, { name: 'Fuzz', email: uniqueEmail(), message: 'fuzzed ticket' })
  const ticket = (await api.get('/api/tickets?q=fuzzed')).body.items[0]
  const agent = await api.post('/api/agents', {
    email: uniqueEmail('agent'),
    name: 'Fuzz Agent',
    role: 'agent',
    password: 'agent-password-1',
  })
  const rule = await api.post('/api/rules', {
    name: 'r',
    event: 'ticket_created',
    conditions: [],
    actions: [{ type: 'add_tag', tag: 'x' }],
  })
  Object.assign(ids, {
    tickets: [ticket.id],
    contacts: [ticket.contactId],
    channels: [formId, chatId, emailId],
    agents: [agent.body.agent?.id].filter(Boolean),
    rules: [rule.body.rule?.id].filter(Boolean),
    attachments: [],
    notifications: [],
  })
  const doc = (await api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, any>> }
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name),
      bodyKeys: op.requestBody ? Object.keys(op.requestBody.content['application/json']?.schema?.properties ?? {}) : null,
    })),
  )
  operations = operations.filter((op) => op.path.startsWith('/api/') && !skipped.includes(op.path))
})

describe('REST', () => {
  test('every documented route answers hostile paths, queries and bodies without a 500, and a refusal writes nothing', async () => {
    expect(operations.length).toBeGreaterThan(25)
    const failures: string[] = []
    for (const op of operations) {
      const resource = op.path.split('/')[2]!
      const request = fc.record({
        id: fc.oneof(
          fc.constantFrom(...(ids[resource]?.length ? ids[resource]! : ['00000000-0000-0000-0000-000000000000'])),
          text,
        ),
        query: fc.dictionary(op.query.length ? fc.constantFrom(...op.query) : fc.string(), text, { maxKeys: 3 }),
        body: op.bodyKeys?.length
          ? fc.oneof(
              fc.dictionary(fc.constantFrom(...op.bodyKeys), fc.oneof(value, deep), { maxKeys: op.bodyKeys.length }),
              value,
            )
          : value,
      })
      let before = await settledState()
      await fc.assert(
        fc.asyncProperty(request, async ({ id, query, body }) => {
          const path = op.path.replace(/\{\w+\}/g, encode(id))
          const search = Object.entries(query)
            .map(([k, v]) => `${encode(k)}=${encode(v)}`)
            .join('&')
          const url = `${path}${search ? `?${search}` : ''}`
          const answer = await setup.api.request(
            op.method,
            url,
            op.method === 'GET' || op.method === 'DELETE' ? undefined : serialise(body),
          )
          if (answer.status >= 500) failures.push(`${op.method} ${url.slice(0, 200)} -> ${answer.status}`)
          if (answer.status >= 400) {
            const after = await state()
            if (after !== before) failures.push(`${op.method} ${url.slice(0, 200)} -> ${answer.status} changed the state`)
            before = after
          } else before = await settledState()
        }),
        { numRuns: 3 },
      )
    }
    expect(failures).toEqual([])
    expect((await fetch(`${setup.server.url}/health`)).status).toBe(200)
  }, 240_000)
})

describe('webhooks', () => {
  const sign = (raw: string) => `sha256=${createHmac('sha256', appSecret).update(raw, 'utf8').digest('hex')}`
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${setup.server.url}${path}`, { method: 'POST', headers, body })

  test('form posts of anything are stored or refused, never a 500', async () => {
    const types = fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zz',
      'text/plain',
    )
    const fields = fc.dictionary(fc.constantFrom('name', 'email', 'message', 'subject', 'phone', 'website', 'x'), text, {
      maxKeys: 5,
    })
    await fc.assert(
      fc.asyncProperty(
        types,
        fc.oneof(
          fields.map((f) => JSON.stringify(f)),
          fields.map((f) => new URLSearchParams(f).toString()),
          fc.string(),
        ),
        async (type, raw) => {
          const answer = await post(`/webhooks/form/${formId}`, raw, { 'content-type': type })
          expect(answer.status).toBeLessThan(500)
        },
      ),
      { numRuns: 60 },
    )
  })

  test('signed Meta deliveries with hostile parts are taken or refused, never a 500', async () => {
    const body = fc.record({ text, extra: fc.oneof(value, deep), timestamp: fc.oneof(fc.integer(), fc.double(), text) })
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async ({ text: said, extra, timestamp }, whatsapp) => {
        const delivery: any = whatsapp
          ? whatsappText({ ...number, from: '15550009999', text: said })
          : messengerText({ pageId, psid: '8880001', text: said })
        if (whatsapp) Object.assign(delivery.entry[0].changes[0].value.messages[0], { timestamp, extra })
        else Object.assign(delivery.entry[0].messaging[0], { timestamp, extra })
        const raw = serialise(delivery)
        const answer = await post('/webhooks/meta', raw, { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) })
        expect(answer.status).toBeLessThan(500)
      }),
      { numRuns: 40 },
    )
  })

  test('mail posted over HTTP, of any bytes, is stored or refused, never a 500', async () => {
    const mail = fc.oneof(
      fc.string(),
      fc
        .tuple(text, text, text)
        .map(
          ([from, subject, said]) =>
            `From: ${from}\r\nTo: fuzz@edge.example\r\nSubject: ${subject}\r\nDate: ${said}\r\n\r\n${said}\r\n`,
        ),
    )
    await fc.assert(
      fc.asyncProperty(mail, async (raw) => {
        const answer = await post(`/webhooks/email/${emailId}`, raw, {
          authorization: 'Bearer fuzz-secret-123456',
          'content-type': 'message/rfc822',
        })
        expect(answer.status).toBeLessThan(500)
      }),
      { numRuns: 40 },
    )
  })
})

describe('sockets', () => {
  test('a chat visitor sending anything gets answers, errors or a closed socket, and chat still works after', async () => {
    const frame = fc.oneof(
      fc.string(),
      fc
        .record({
          type: fc.constantFrom('hello', 'message', 'typing', 'identify'),
          v: fc.constant(1),
          clientId: text,
          text,
          name: text,
          email: text,
        })
        .map((f) => JSON.stringify(f)),
      deep.map((d) => serialise({ type: 'message', clientId: 'c', text: 't', d })),
    )
    const { visitor } = await ChatVisitor.arrive(setup.server.url, chatId)
    await fc.assert(
      fc.asyncProperty(frame, async (data) => {
        visitor.send(data)
      }),
      { numRuns: 80 },
    )
    visitor.socket.close()
    const { visitor: next } = await ChatVisitor.arrive(setup.server.url, chatId)
    expect((await next.say('still here after the fuzz')).type).toBe('message')
    next.socket.close()
  })

  test('the collaboration socket, sent any bytes, never takes the server down, and notes are still saved', async () => {
    const token = (await setup.api.post('/api/tokens', { name: 'fuzz' })).body.token
    const ticketId = ids.tickets![0]!
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 5 }), async (frames) => {
        const socket = new WebSocket(`${setup.server.url.replace(/^http/, 'ws')}/collab/${ticketId}?token=${token}`)
        socket.on('error', () => {})
        await new Promise((resolve) => socket.once('open', resolve).once('close', resolve))
        for (const bytes of frames) if (socket.readyState === WebSocket.OPEN) socket.send(bytes)
        socket.close()
      }),
      { numRuns: 30 },
    )
    expect((await fetch(`${setup.server.url}/health`)).status).toBe(200)
    const note = await setup.api.post(`/api/tickets/${ticketId}/notes`, { body: 'after the collab fuzz' })
    expect(note.status).toBe(201)
  })
})
