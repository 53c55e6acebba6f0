import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../../fakes/graph-api.ts'
import { signMetaBody } from '../../fakes/meta-webhooks.ts'

let now = Date.now()
let fake: FakeGraphApi
const statuses: unknown[] = []
beforeAll(async () => {
  fake = await startFakeGraphApi({ now: () => now, statusDelayMs: 1, onStatus: (webhook) => statuses.push(webhook) })
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  fake.setMode({ window: null, statusWebhook: null })
  statuses.length = 0
  now = Date.now()
})

const bearer = { authorization: 'Bearer SYSTEM_USER_TOKEN' }
async function send(body: unknown, headers: Record<string, string> = bearer) {
  const response = await fetch(`${fake.url}/v21.0/106540352242922/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}
const text = (to: string, body = 'Sorry about that!') => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'text',
  text: { preview_url: false, body },
})

test('sends a text and answers contacts and a wamid, as the Cloud API does', async () => {
  const answer = await send(text('+16505551234'))
  expect(answer).toEqual({
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
      messages: [{ id: expect.stringMatching(/^wamid\.[\w+/=]{20,}$/) }],
    },
  })
  expect(fake.requests[0]).toMatchObject({
    path: '/v21.0/106540352242922/messages',
    token: 'SYSTEM_USER_TOKEN',
    body: text('+16505551234'),
  })
})

test('sends templates (marked accepted), media by link or id, and a reply quoting a message', async () => {
  const template = await send({
    messaging_product: 'whatsapp',
    to: '16505551234',
    type: 'template',
    template: {
      name: 'order_update',
      language: { code: 'en_US' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Asha' }] }],
    },
  })
  expect(template.body.messages[0]).toEqual({ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' })
  const image = {
    messaging_product: 'whatsapp',
    to: '16505551234',
    type: 'image',
    image: { link: 'https://example.com/r.png', caption: 'Your receipt' },
  }
  expect((await send(image)).status).toBe(200)
  expect((await send({ ...image, image: { id: '1234' } })).status).toBe(200)
  expect((await send({ ...text('16505551234'), context: { message_id: 'wamid.IN' } })).status).toBe(200)
  expect(
    (
      await send({
        messaging_product: 'whatsapp',
        to: '1650555',
        type: 'reaction',
        reaction: { message_id: 'wamid.IN', emoji: '👍' },
      })
    ).status,
  ).toBe(200)
})

test('marks an inbound message read with {success: true}', async () => {
  const read = await send({
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: 'wamid.IN',
    typing_indicator: { type: 'text' },
  })
  expect(read).toEqual({ status: 200, body: { success: true } })
  const bad = await send({ messaging_product: 'whatsapp', status: 'read' })
  expect(bad.body.error).toMatchObject({ code: 100, message: '(#100) The parameter message_id is required.' })
})

test('refuses malformed sends with code 100 and WhatsApp error_data', async () => {
  const cases: [unknown, string][] = [
    [{ to: '16505551234', type: 'text', text: { body: 'x' } }, 'The parameter messaging_product is required.'],
    [{ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, 'The parameter to is required.'],
    [{ messaging_product: 'whatsapp', to: '16505551234', type: 'text' }, 'The parameter text is required.'],
    [
      { messaging_product: 'whatsapp', to: '16505551234', type: 'template', template: { name: 'x' } },
      'The parameter template.language is required.',
    ],
    [{ messaging_product: 'whatsapp', to: '16505551234', type: 'image', image: {} }, 'Param image is invalid'],
    [{ messaging_product: 'whatsapp', to: '16505551234', type: 'telepathy' }, 'Param type is invalid'],
    [text('16505551234', 'x'.repeat(4097)), 'Param text.body is invalid'],
    [{ messaging_product: 'sms', to: '16505551234', text: { body: 'x' } }, 'Param messaging_product is invalid'],
  ]
  for (const [body, problem] of cases) {
    const answer = await send(body)
    expect(answer.status, problem).toBe(400)
    expect(answer.body.error).toMatchObject({
      code: 100,
      type: 'OAuthException',
      message: expect.stringContaining(problem),
      error_data: { messaging_product: 'whatsapp', details: expect.stringContaining(problem) },
    })
  }
})

test('needs a token like every Graph call', async () => {
  const answer = await send(text('16505551234'), {})
  expect(answer.status).toBe(401)
  expect(answer.body.error.code).toBe(190)
})

test('sync window mode: free-form text outside 24 h gets 400 #131047, templates and fresh chats go through', async () => {
  const hour = 3_600_000
  fake.setMode({
    window: { whatsapp: 'sync', lastCustomerMessageAt: { '16505551234': now - 25 * hour, '16505550000': now - hour } },
  })
  const refused = await send(text('+1 650 555 1234'))
  expect(refused.status).toBe(400)
  expect(refused.body.error).toMatchObject({ code: 131047, error_data: { messaging_product: 'whatsapp' } })
  expect((await send(text('16505550000'))).status).toBe(200)
  const template = {
    messaging_product: 'whatsapp',
    to: '16505551234',
    type: 'template',
    template: { name: 't', language: { code: 'en' } },
  }
  expect((await send(template)).status).toBe(200)
  now += 24 * hour
  expect((await send(text('16505550000'))).status).toBe(400)
  expect(fake.statusDeliveries).toHaveLength(0)
})

test('async window mode: 200 with a wamid, then a signed failed status webhook to the helpdesk', async () => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const helpdesk = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(200).end('EVENT_RECEIVED')
    })
  })
  helpdesk.listen(0, '127.0.0.1')
  await once(helpdesk, 'listening')
  const url = `http://127.0.0.1:${(helpdesk.address() as AddressInfo).port}`
  try {
    fake.setMode({
      window: { whatsapp: 'async', lastCustomerMessageAt: {} },
      statusWebhook: { url, appSecret: 'app-secret', businessAccountId: '102290129340398', displayPhoneNumber: '15550783881' },
    })
    const accepted = await send(text('16505551234'))
    expect(accepted.status).toBe(200)
    const messageId = accepted.body.messages[0].id
    await fake.settled()
    expect(received).toHaveLength(1)
    const [delivery] = received
    expect(delivery!.headers['x-hub-signature-256']).toBe(signMetaBody(delivery!.body, 'app-secret'))
    const webhook = JSON.parse(delivery!.body)
    expect(webhook).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: '106540352242922', display_phone_number: '15550783881' },
                statuses: [{ id: messageId, status: 'failed', recipient_id: '16505551234', errors: [{ code: 131047 }] }],
              },
            },
          ],
        },
      ],
    })
    expect(statuses).toEqual([webhook])
    expect(fake.statusDeliveries[0]).toMatchObject({ webhook, result: { status: 200, text: 'EVENT_RECEIVED' } })
  } finally {
    helpdesk.close()
  }
})

test('describes registered media with a url back at the fake, which serves the bytes with a Bearer token only', async () => {
  const bytes = new TextEncoder().encode('a picture of a damaged box')
  fake.addMedia('2754859441498128', bytes, 'image/jpeg')
  const described = await fetch(`${fake.url}/v21.0/2754859441498128?phone_number_id=106540352242922`, { headers: bearer })
  expect(described.status).toBe(200)
  const media = (await described.json()) as any
  expect(media).toEqual({
    messaging_product: 'whatsapp',
    url: expect.stringMatching(new RegExp(`^${fake.url}/whatsapp_business/attachments/\\?mid=2754859441498128&ext=jpeg&hash=`)),
    mime_type: 'image/jpeg',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    file_size: String(bytes.byteLength),
    id: '2754859441498128',
  })
  const download = await fetch(media.url, { headers: bearer })
  expect(download.status).toBe(200)
  expect(download.headers.get('content-type')).toBe('image/jpeg')
  expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes)

  expect((await fetch(media.url)).status).toBe(401)
  expect((await fetch(media.url.replace(/hash=\w+/, 'hash=nope'), { headers: bearer })).status).toBe(404)
  now += 5 * 60_000
  expect((await fetch(media.url, { headers: bearer })).status).toBe(404)
})

test('answers unknown media with Graph error 100/33, and needs a token to describe media', async () => {
  const unknown = await fetch(`${fake.url}/v21.0/999`, { headers: bearer })
  expect(unknown.status).toBe(400)
  expect(((await unknown.json()) as any).error).toMatchObject({ code: 100, error_subcode: 33 })
  expect((await fetch(`${fake.url}/v21.0/999`)).status).toBe(401)
})
