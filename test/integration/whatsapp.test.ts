// WhatsApp end to end: signed webhooks in, replies out to the fake Graph API exactly as Meta documents
// them, statuses, the 24-hour window and templates, retries and failures.

import { createHash } from 'node:crypto'
import { beforeAll, expect, test } from 'vitest'
import { graphErrors } from '../fakes/graph-errors.ts'
import { postSignedWebhook, whatsappImage, whatsappStatus, whatsappText } from '../fakes/meta-webhooks.ts'
import { eventually } from '../support/eventually.ts'
import { kindsAndValues } from '../support/identity-values.ts'
import { appSecret, startMetaServer, useMetaServer } from '../support/meta-server.ts'

const setup = useMetaServer()
let channelId: string
const number = { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }
let nextCustomer = 16505550000

beforeAll(async () => {
  const created = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp support',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+1 555 078 3881' },
  })
  channelId = created.body.channel.id
})

async function customerWrites(text: string, options: { from?: string; at?: Date; name?: string } = {}) {
  const from = options.from ?? String(nextCustomer++)
  const delivery = whatsappText({
    ...number,
    from,
    name: options.name ?? 'Sheena Nelson',
    text,
    ...(options.at ? { at: options.at } : {}),
  })
  const posted = await postSignedWebhook(setup.server.url, delivery, appSecret)
  expect(posted.status).toBe(200)
  const found = await setup.api.get(`/api/tickets?channel=whatsapp&q=${encodeURIComponent(text)}`)
  expect(found.body.items).toHaveLength(1)
  return { from, ticket: found.body.items[0], delivery }
}

async function messageOf(ticketId: string, messageId: string) {
  const detail = await setup.api.get(`/api/tickets/${ticketId}`)
  return detail.body.messages.find((m: { id: string }) => m.id === messageId)
}

test('a customer message becomes a ticket on a contact with the wa_id and the phone number', async () => {
  const { from, ticket } = await customerWrites('注文した商品がまだ届いていません', { name: '山田 花子' })
  const contact = await setup.api.get(`/api/contacts/${ticket.contactId}`)
  expect(contact.body.contact.name).toBe('山田 花子')
  expect(kindsAndValues(contact.body.identities)).toEqual(
    expect.arrayContaining([
      { kind: 'whatsapp', value: from },
      { kind: 'phone', value: `+${from}` },
    ]),
  )
  expect(ticket.replyWindowClosesAt).not.toBeNull()
})

test('a reply inside the window reaches the Graph API as Meta documents it, then takes the statuses Meta reports', async () => {
  const { from, ticket } = await customerWrites('Where is my order 4411?')
  setup.graph.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'It left our warehouse today.' })
  expect(reply.status).toBe(202)
  expect(reply.body.message.status).toBe('queued')

  const sent = await eventually(async () => {
    const message = await messageOf(ticket.id, reply.body.message.id)
    expect(message.status).toBe('sent')
    return message
  })
  const call = setup.graph.requests.find((r) => r.method === 'POST' && r.path.endsWith(`/${number.phoneNumberId}/messages`))
  expect(call?.path).toBe(`/v21.0/${number.phoneNumberId}/messages`)
  expect(call?.headers.authorization).toBe('Bearer EAAW-token')
  expect(call?.body).toEqual({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: from,
    type: 'text',
    text: { preview_url: false, body: 'It left our warehouse today.' },
  })
  expect(sent.externalId).toMatch(/^wamid\./)

  for (const status of ['read', 'delivered'] as const) {
    const posted = await postSignedWebhook(
      setup.server.url,
      whatsappStatus({ ...number, messageId: sent.externalId, recipientId: from, status }),
      appSecret,
    )
    expect(posted.status).toBe(200)
  }
  // Read arrived first; the late "delivered" does not move it back.
  expect((await messageOf(ticket.id, sent.id)).status).toBe('read')
})

test('a reply 25 hours after the customer last wrote is refused with window_closed, and a template is accepted', async () => {
  const { from, ticket } = await customerWrites('Any news about my refund?', { at: new Date(Date.now() - 25 * 3_600_000) })
  const refused = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Checking now!' })
  expect(refused.status).toBe(422)
  expect(refused.body.error.code).toBe('window_closed')

  const unknown = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    template: { name: 'nope', language: 'en', params: [] },
  })
  expect(unknown.status).toBe(422)
  expect(unknown.body.error.code).toBe('unknown_template')

  const template = await setup.api.post(`/api/channels/${channelId}/templates`, {
    name: 'order_update',
    language: 'en_US',
    body: 'Hi {{1}}, your order {{2}} is on its way.',
  })
  expect(template.status).toBe(201)
  expect(template.body.template.paramCount).toBe(2)
  const wrongCount = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    template: { name: 'order_update', language: 'en_US', params: ['Asha'] },
  })
  expect(wrongCount.status).toBe(400)

  setup.graph.reset()
  const accepted = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    template: { name: 'order_update', language: 'en_US', params: ['Asha', 'ORD-9271'] },
  })
  expect(accepted.status).toBe(202)
  expect(accepted.body.message.body).toBe('Hi Asha, your order ORD-9271 is on its way.')
  await eventually(async () => expect((await messageOf(ticket.id, accepted.body.message.id)).status).toBe('sent'))
  const call = setup.graph.requests.find((r) => r.path.endsWith('/messages'))
  expect(call?.body).toEqual({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: from,
    type: 'template',
    template: {
      name: 'order_update',
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Asha' },
            { type: 'text', text: 'ORD-9271' },
          ],
        },
      ],
    },
  })
})

test('the same idempotency key sends once, and a repeated delivery from Meta is stored once', async () => {
  const { ticket, delivery } = await customerWrites('Please call me back')
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
  const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
  expect(detail.body.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(1)

  setup.graph.reset()
  const first = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Calling you now', idempotencyKey: 'k-1' })
  const again = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Calling you now', idempotencyKey: 'k-1' })
  expect(again.body.message.id).toBe(first.body.message.id)
  await eventually(async () => expect((await messageOf(ticket.id, first.body.message.id)).status).toBe('sent'))
  expect(setup.graph.requests.filter((r) => r.path.endsWith('/messages'))).toHaveLength(1)
})

test('a throttled send is retried and sent once; a refused one is failed with Meta’s reason', async () => {
  const { ticket } = await customerWrites('Is the shop open on Sunday?')
  setup.graph.reset()
  setup.graph.inject({ ...graphErrors.whatsappThroughput, times: 1 })
  const retried = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes, 10 to 16.' })
  await eventually(async () => expect((await messageOf(ticket.id, retried.body.message.id)).status).toBe('sent'), {
    timeoutMs: 15_000,
  })
  expect(setup.graph.requests.filter((r) => r.path.endsWith('/messages'))).toHaveLength(2)

  setup.graph.inject({ ...graphErrors.whatsappUndeliverable, times: 1 })
  const refused = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'And on holidays too.' })
  const failed = await eventually(async () => {
    const message = await messageOf(ticket.id, refused.body.message.id)
    expect(message.status).toBe('failed')
    return message
  })
  expect(failed.error).toContain('131026')
})

test('a missing or wrong signature is refused with 401 and nothing is stored', async () => {
  const delivery = whatsappText({ ...number, from: '4915112345678', text: 'unsigned hello' })
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret, { signature: null })).status).toBe(401)
  expect((await postSignedWebhook(setup.server.url, delivery, 'wrong-secret')).status).toBe(401)
  const found = await setup.api.get(`/api/tickets?q=${encodeURIComponent('unsigned')}`)
  expect(found.body.items).toHaveLength(0)
})

test('a photo is fetched through the media endpoint and kept, so it outlives Meta’s expiring URL', async () => {
  const bytes = Buffer.from('\x89PNG fake image bytes for the test')
  setup.graph.addMedia('2754859441498128', bytes, 'image/png')
  const from = String(nextCustomer++)
  const delivery = whatsappImage({
    ...number,
    from,
    mediaId: '2754859441498128',
    mimeType: 'image/png',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    caption: 'This is the damaged box',
  })
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
  const ticket = (await setup.api.get(`/api/tickets?q=${encodeURIComponent('damaged box')}`)).body.items[0]
  const attachment = await eventually(async () => {
    const [message] = (await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages
    expect(message.attachments[0].url).toMatch(/^\/api\/attachments\//)
    return message.attachments[0]
  })
  expect(attachment).toMatchObject({ type: 'image', mimeType: 'image/png', size: bytes.length })
  const file = await fetch(setup.server.url + attachment.url, { headers: { cookie: setup.api.cookie! } })
  expect(file.status).toBe(200)
  expect(file.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes)
  expect((await fetch(setup.server.url + attachment.url)).status).toBe(401)
})

test('a channel’s welcome message greets a customer on their first contact only, marked automatic', async () => {
  const welcoming = { phoneNumberId: '106540352242999', businessAccountId: '102290129340398' }
  await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'Sales',
    config: {
      ...welcoming,
      accessToken: 'EAAW-sales',
      displayPhoneNumber: '+1 555 078 3999',
      welcomeMessage: 'Welcome! We reply within the hour.',
    },
  })
  const from = String(nextCustomer++)
  for (const text of ['First hello to sales', 'Second hello to sales']) {
    await postSignedWebhook(setup.server.url, whatsappText({ ...welcoming, from, text }), appSecret)
  }
  const ticket = (await setup.api.get(`/api/tickets?q=${encodeURIComponent('hello to sales')}`)).body.items[0]
  const outbound = await eventually(async () => {
    const messages = (await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages.filter(
      (m: { direction: string }) => m.direction === 'outbound',
    )
    expect(messages.map((m: { status: string }) => m.status)).toEqual(['sent'])
    return messages
  })
  expect(outbound[0]).toMatchObject({ body: 'Welcome! We reply within the hour.', automatic: true, authorType: 'system' })
})

test('the away message answers when no agent is around, once per ticket', async () => {
  const night = await startMetaServer({ AWAY_AFTER_MINUTES: '0' })
  try {
    const numberAtNight = { phoneNumberId: '106540352240000', businessAccountId: '102290129340398' }
    await night.api.post('/api/channels', {
      kind: 'whatsapp',
      name: 'Night',
      config: {
        ...numberAtNight,
        accessToken: 'EAAW-night',
        displayPhoneNumber: '+1 555 078 0000',
        awayMessage: 'We are away; back at 9.',
      },
    })
    const from = String(nextCustomer++)
    for (const text of ['Hello at night', 'Anyone there at night?']) {
      await postSignedWebhook(night.server.url, whatsappText({ ...numberAtNight, from, text }), appSecret)
    }
    const ticket = (await night.api.get(`/api/tickets?q=${encodeURIComponent('at night')}`)).body.items[0]
    const automatic = await eventually(async () => {
      const sent = (await night.api.get(`/api/tickets/${ticket.id}`)).body.messages.filter(
        (m: { automatic: boolean }) => m.automatic,
      )
      expect(sent.map((m: { status: string }) => m.status)).toEqual(['sent'])
      return sent
    })
    expect(automatic[0].body).toBe('We are away; back at 9.')
  } finally {
    await night.server.stop()
    await night.graph.close()
  }
})

test('files on a WhatsApp reply are refused clearly, for now', async () => {
  const { ticket } = await customerWrites('Can you send the manual?')
  const answer = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    body: 'Here',
    attachments: [{ name: 'manual.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF').toString('base64') }],
  })
  expect(answer.status).toBe(422)
  expect(answer.body.error.code).toBe('channel_rule')
})

test('a delivery status reaches the browsers’ sync stream, though it is no movement of the ticket', async () => {
  const { from, ticket } = await customerWrites('Has it shipped?')
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes, this morning.' })
  const sent = await eventually(async () => {
    const message = await messageOf(ticket.id, reply.body.message.id)
    expect(message.status).toBe('sent')
    return message
  })
  // The cursor of a client that is up to date: nothing comes again from it, so what the status brings
  // is the status's doing.
  const upToDate = async () => {
    let cursor: string | undefined
    for (let page = 0; page < 100; page++) {
      const body = (await setup.api.get(`/api/sync?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body
      cursor = body.cursor
      if (!body.more) return cursor!
    }
    throw new Error('sync never ended')
  }
  const cursor = await upToDate()
  const before = (await setup.api.get(`/api/sync?cursor=${encodeURIComponent(cursor)}`)).body
  expect(before.tickets.map((t: { id: string }) => t.id)).not.toContain(ticket.id)
  const updatedAt = (await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.updatedAt

  const posted = await postSignedWebhook(
    setup.server.url,
    whatsappStatus({ ...number, messageId: sent.externalId, recipientId: from, status: 'read' }),
    appSecret,
  )
  expect(posted.status).toBe(200)
  const after = (await setup.api.get(`/api/sync?cursor=${encodeURIComponent(cursor)}`)).body
  expect(after.messages.find((m: { id: string }) => m.id === sent.id)?.status).toBe('read')
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.updatedAt).toBe(updatedAt)
})
