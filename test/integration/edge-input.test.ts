// Input the database cannot hold or read is closed at the edge, as a class: a NUL or a lone surrogate
// anywhere is stored as U+FFFD (nothing is lost, nothing is a 500); a crafted cursor or a time
// PostgreSQL does not read is a 400; JSON nested past the bound is a 400 over REST and, in a signed Meta
// delivery, only that part is dropped.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { messengerText, metaJson, signMetaBody, whatsappText } from '../fakes/meta-webhooks.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { type CollabClient, openCollab, writeNote } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm, submitHtmlForm } from '../support/form-channel.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useMetaServer()
const pageId = '222000777'
const number = { phoneNumberId: '333000777' }
const zeroId = '00000000-0000-0000-0000-000000000000'
const open: CollabClient[] = []
let formId: string
let chatId: string
let ticketId: string

const postMeta = (raw: string) =>
  fetch(`${setup.server.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(raw, appSecret) },
    body: raw,
  })
const ticketsMatching = async (text: string) =>
  (await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)).body.items as { id: string }[]
const messagesOf = async (id: string) =>
  (await setup.api.get(`/api/tickets/${id}`)).body.messages as { kind: string; body: string }[]

beforeAll(async () => {
  await setup.api.post('/api/channels', { kind: 'messenger', name: 'Page', config: { pageId, pageAccessToken: 't' } })
  await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WA',
    config: { ...number, businessAccountId: '9', accessToken: 't', displayPhoneNumber: '+1 555 0100' },
  })
  chatId = (await setup.api.post('/api/channels', { kind: 'chat', name: 'Chat', config: {} })).body.channel.id
  formId = await createFormChannel(setup.api)
  await submitForm(setup.server.url, formId, { name: 'Plain', email: uniqueEmail(), message: 'edge input plain ticket' })
  ticketId = (await ticketsMatching('edge input plain ticket'))[0]!.id
})
afterAll(() => {
  for (const client of open) client.close()
})

describe('NUL and lone surrogates', () => {
  test('a form message holding them is stored, cleaned, whether posted as JSON or as a form', async () => {
    const json = await submitForm(setup.server.url, formId, {
      name: 'Nu\u0000l',
      email: uniqueEmail(),
      message: 'formjson a\u0000b\ud800c',
    })
    expect(json.status).toBe(201)
    const html = await submitHtmlForm(setup.server.url, formId, { name: 'N', email: uniqueEmail(), message: 'formhtml a\u0000b' })
    expect(html.status).toBe(201)
    const [fromJson] = await ticketsMatching('formjson')
    expect((await messagesOf(fromJson!.id))[0]!.body).toBe('formjson a\ufffdb\ufffdc')
    const [fromHtml] = await ticketsMatching('formhtml')
    expect((await messagesOf(fromHtml!.id))[0]!.body).toBe('formhtml a\ufffdb')
  })

  test('notes, tags, agent names and searches holding them are cleaned, never a 500', async () => {
    expect((await setup.api.post(`/api/tickets/${ticketId}/notes`, { body: 'note a\u0000b' })).status).toBe(201)
    const tagged = await setup.api.patch(`/api/tickets/${ticketId}`, { tags: ['t\u0000ag'] })
    expect(tagged.status).toBe(200)
    expect(tagged.body.ticket.tags).toEqual(['t\ufffdag'])
    const me = (await setup.api.get('/api/me')).body.agent
    const renamed = await setup.api.patch(`/api/agents/${me.id}`, { name: 'Ad\u0000min' })
    expect(renamed.status).toBe(200)
    await setup.api.patch(`/api/agents/${me.id}`, { name: me.name })
    for (const path of ['/api/tickets?q=', '/api/contacts?q=']) {
      // %ED%B0%80 is a lone surrogate written as UTF-8, which no decoder accepts.
      expect((await setup.api.get(`${path}a%00b%ED%B0%80`)).status).toBe(200)
    }
    expect((await messagesOf(ticketId)).map((m) => m.body)).toContain('note a\ufffdb')
  })

  test('a signed WhatsApp delivery holding them is stored', async () => {
    const status = (await postMeta(metaJson(whatsappText({ ...number, from: '15550001111', text: 'whatsnul a\u0000b' })))).status
    expect(status).toBe(200)
    const [ticket] = await ticketsMatching('whatsnul')
    expect((await messagesOf(ticket!.id))[0]!.body).toBe('whatsnul a\ufffdb')
  })

  test('a chat visitor’s name and message holding them are stored', async () => {
    const { visitor } = await ChatVisitor.arrive(setup.server.url, chatId, { name: 'Vi\u0000sitor' })
    const echo = await visitor.say('chatnul a\u0000b')
    expect(echo.type).toBe('message')
    visitor.socket.close()
    const [ticket] = await eventually(async () => {
      const found = await ticketsMatching('chatnul')
      expect(found).toHaveLength(1)
      return found
    })
    expect((await messagesOf(ticket!.id)).at(-1)!.body).toBe('chatnul a\ufffdb')
  })

  test('a note holding a NUL in the shared document is saved, and so is every later note', async () => {
    const token = (await setup.api.post('/api/tokens', { name: 'edge' })).body.token
    const adminId = (await setup.api.get('/api/me')).body.agent.id
    const client = openCollab(setup.server.url, ticketId, token)
    open.push(client)
    await client.synced
    writeNote(client.doc, 'nul-note', adminId, 'doc a\u0000b')
    await eventually(async () => expect((await messagesOf(ticketId)).map((m) => m.body)).toContain('doc a\ufffdb'))
    writeNote(client.doc, 'later-note', adminId, 'a later note')
    await eventually(async () => expect((await messagesOf(ticketId)).map((m) => m.body)).toContain('a later note'))
  })
})

describe('cursors and times', () => {
  const cursorOf = (text: string) => Buffer.from(text).toString('base64url')
  const crafted = [
    cursorOf(`+275760-09-13T00:00:00.000Z|${zeroId}`),
    cursorOf(`10000-01-01T00:00:00.000Z|${zeroId}`),
    cursorOf(`0000-01-01T00:00:00.000Z|${zeroId}`),
    cursorOf(`2026-02-30T00:00:00.000Z|${zeroId}`),
    cursorOf(`0|${'-'.repeat(36)}`),
    cursorOf(`1e308|${zeroId}`),
    cursorOf(`1e-60|${zeroId}`),
    cursorOf(JSON.stringify(['+275760-09-13T00:00:00.000Z', zeroId])),
    'not base64!',
  ]

  test.each([['/api/sync?'], ['/api/tickets?'], ['/api/tickets?sort=priority&'], ['/api/contacts?']])(
    '%s refuses every crafted cursor with 400 naming the cursor',
    async (path) => {
      for (const cursor of crafted) {
        const response = await setup.api.get(`${path}cursor=${encodeURIComponent(cursor)}`)
        expect(response.status).toBe(400)
        expect(response.body.error.code).toBe('invalid_input')
      }
    },
  )

  test('pages still follow one another by their cursors', async () => {
    for (const path of ['/api/tickets?limit=1', '/api/tickets?sort=priority&limit=1', '/api/contacts?limit=1']) {
      const first = await setup.api.get(path)
      expect(first.body.nextCursor).toEqual(expect.any(String))
      const second = await setup.api.get(`${path}&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      expect(second.status).toBe(200)
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id)
    }
    const synced = await setup.api.get('/api/sync')
    expect((await setup.api.get(`/api/sync?cursor=${encodeURIComponent(synced.body.cursor)}`)).status).toBe(200)
  })

  test('a Meta message whose time PostgreSQL cannot store keeps the delivery’s time and is stored', async () => {
    const delivery = messengerText({ pageId, psid: '7770001', text: 'faraway timestamp' }) as any
    delivery.entry[0].messaging[0].timestamp = 8.64e15
    expect((await postMeta(JSON.stringify(delivery))).status).toBe(200)
    const [ticket] = await ticketsMatching('faraway timestamp')
    const stored = (await setup.api.get(`/api/tickets/${ticket!.id}`)).body.messages[0]
    expect(new Date(stored.createdAt).getUTCFullYear()).toBeLessThan(10_000)
  })
})

describe('nesting', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`

  test('a REST body nested deeper than the bound is a 400, before it is parsed', async () => {
    const response = await setup.api.post(`/api/tickets/${ticketId}/notes`, `{"body":"deep","x":${deep(100_000)}}`)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_input')
  })

  test('a signed Meta delivery with a part nested a hundred thousand deep keeps its messages', async () => {
    const delivery = messengerText({ pageId, psid: '7770002', text: 'deeply nested delivery' })
    const raw = JSON.stringify(delivery).replace('"deeply nested delivery"', `"deeply nested delivery","extra":${deep(100_000)}`)
    expect((await postMeta(raw)).status).toBe(200)
    expect(await ticketsMatching('deeply nested delivery')).toHaveLength(1)
  })
})
