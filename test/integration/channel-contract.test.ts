// One contract, every channel: whatever the channel, a customer message becomes a ticket, a repeated
// delivery is stored once, a follow-up joins the open ticket and reopens a resolved one, the same person
// is one contact, and a reply reaches the customer the way their channel answers. The suite runs once per
// channel of server/channels/registry.ts, and fails for a channel without a driver here.
//
// Where a channel meets a case its own way, and why:
// - form: a web form cannot carry a reply, so the customer is answered by email through the workspace's
//   mailbox (the reply is looked for at the SMTP sink); with no email channel the reply is refused with
//   channel_rule instead, which form.test.ts checks, since this suite's workspace has a mailbox.
// - email: mail arrives through the email webhook (the SMTP listener reads mail the same way), and a
//   follow-up answers the customer's first mail (In-Reply-To, References), as a mail client threads it:
//   by email, a mail with no thread hint is a new conversation. The reply is looked for at the SMTP sink.
// - chat: the reply goes to the visitor's open socket, so it is looked for there.
// - messenger, instagram, whatsapp: the reply is looked for among the fake Graph API's requests.
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { channelAdapters } from '../../server/channels/registry.ts'
import type { ChannelKind } from '../../shared/schema/common.ts'
import { instagramDm, messengerText, postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { type CollabClient, openCollab, writeNote } from '../support/collab-client.ts'
import { eventually } from '../support/eventually.ts'
import { appSecret, type MetaSetup, startMetaServer } from '../support/meta-server.ts'

interface Driver {
  kind: ChannelKind
  config: Record<string, unknown>
  /** Delivers a message from `customer` (a number, so every channel can make an id of it). */
  deliver(customer: number, text: string, externalId: string): Promise<void>
  /** Resolves once `customer` got the reply `text` through the channel's way of answering. */
  received(customer: number, text: string): Promise<void>
}

let setup: MetaSetup
let sink: SmtpSink
let apiToken: string
let adminId: string
const channelIds = new Map<string, string>()
let nextCustomer = 41000000
/** Live-chat customers: one visitor socket each, kept open to receive replies. */
const visitors = new Map<number, ChatVisitor>()
/** Each email customer's first mail, which their follow-ups answer. */
const firstMails = new Map<number, string>()
/** Every mail sent, by Message-ID. */
const sentMails = new Map<string, string>()

const mailbox = 'help@contract.example'
const inboundSecret = 'contract-inbound-secret-0123'
/** A valid US number per customer, so its phone identity is kept. */
const waNumber = (customer: number) => `1650555${String(customer).slice(-4)}`
const customerEmail = (customer: number) => `c${customer}@example.com`
const signed = async (delivery: object) =>
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)
const throughGraph = async (_customer: number, text: string) =>
  expect(setup.graph.requests.some((r) => JSON.stringify(r.body).includes(text))).toBe(true)
const byMail = async (customer: number, text: string) => {
  await eventually(async () => {
    const mail = sink.mails.find((m) => m.envelope.to.includes(customerEmail(customer)) && m.parsed.text?.includes(text))
    expect(mail?.parsed.from?.value[0]?.address).toBe(mailbox)
  })
}

/** Posts a customer's mail as a provider forwards it; a follow-up answers the customer's first mail. */
async function mailFrom(customer: number, text: string, externalId: string): Promise<void> {
  const messageId = `<${externalId}@customers.example>`
  const first = firstMails.get(customer) ?? messageId
  firstMails.set(customer, first)
  const thread = first === messageId ? '' : `In-Reply-To: ${first}\r\nReferences: ${first}\r\n`
  // A repeated delivery is the same mail, byte for byte (its Date too): another mail reusing the id is not.
  const raw =
    sentMails.get(messageId) ??
    `From: Customer ${customer} <${customerEmail(customer)}>\r\nTo: ${mailbox}\r\nSubject: ${text}\r\n` +
      `Message-ID: ${messageId}\r\n${thread}Date: ${new Date().toUTCString()}\r\n\r\n${text}\r\n`
  sentMails.set(messageId, raw)
  const answer = await fetch(`${setup.server.url}/webhooks/email/${channelIds.get('email')}`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${inboundSecret}` },
    body: raw,
  })
  expect(answer.status).toBe(202)
}

const drivers: { [Kind in ChannelKind]: Driver } = {
  form: {
    kind: 'form',
    config: {},
    async deliver(customer, text, externalId) {
      const answer = await setup.api.post(
        `/webhooks/form/${channelIds.get('form')}`,
        { name: `Customer ${customer}`, email: customerEmail(customer), message: text },
        { 'idempotency-key': externalId },
      )
      expect(answer.status).toBe(201)
    },
    received: byMail,
  },
  messenger: {
    kind: 'messenger',
    config: { pageId: '700001', pageAccessToken: 'page-token' },
    deliver: (customer, text, mid) => signed(messengerText({ pageId: '700001', psid: String(customer), text, mid })),
    received: throughGraph,
  },
  instagram: {
    kind: 'instagram',
    config: { igUserId: '700002', pageId: '700003', accessToken: 'ig-token' },
    deliver: (customer, text, mid) => signed(instagramDm({ igUserId: '700002', igsid: String(customer), text, mid })),
    received: throughGraph,
  },
  whatsapp: {
    kind: 'whatsapp',
    config: { phoneNumberId: '700004', businessAccountId: '700005', accessToken: 'wa-token', displayPhoneNumber: '+1 555 0199' },
    deliver: (customer, text, id) => signed(whatsappText({ phoneNumberId: '700004', from: waNumber(customer), text, id })),
    received: throughGraph,
  },
  email: {
    kind: 'email',
    config: { address: mailbox, fromName: 'Contract Help', inboundSecret },
    deliver: mailFrom,
    received: byMail,
  },
  chat: {
    kind: 'chat',
    config: {},
    async deliver(customer, text, clientId) {
      let visitor = visitors.get(customer)
      if (!visitor) {
        visitor = (await ChatVisitor.arrive(setup.server.url, channelIds.get('chat')!)).visitor
        visitors.set(customer, visitor)
      }
      expect(await visitor.say(text, clientId)).toMatchObject({ type: 'message', text })
    },
    async received(customer, text) {
      await visitors.get(customer)!.next((f) => f.type === 'message' && f.text === text)
    },
  },
}

/** The registry's channels; each must have a driver above. */
const kinds = Object.keys(channelAdapters) as ChannelKind[]
const driven = kinds.flatMap((kind) => (drivers[kind] ? [drivers[kind]] : []))

beforeAll(async () => {
  sink = await startSmtpSink()
  setup = await startMetaServer({ SMTP_URL: sink.url })
  for (const driver of driven) {
    const created = await setup.api.post('/api/channels', { kind: driver.kind, name: driver.kind, config: driver.config })
    channelIds.set(driver.kind, created.body.channel.id)
  }
  apiToken = (await setup.api.post('/api/tokens', { name: 'contract notes' })).body.token
  adminId = (await setup.api.get('/api/me')).body.agent.id
})
afterAll(async () => {
  await Promise.all([...visitors.values()].map((visitor) => visitor.leave()))
  await setup?.server.stop()
  await setup?.graph.close()
  await sink?.close()
})

/** Everything a customer of any channel could have received: Graph API calls, mail, chat frames. */
const customerSide = (): string[] => [
  ...setup.graph.requests.map((request) => JSON.stringify(request)),
  ...sink.mails.map((mail) => [mail.raw.toString('utf8'), mail.parsed.subject, mail.parsed.text, mail.parsed.html].join('\n')),
  ...[...visitors.values()].flatMap((visitor) => visitor.received),
]

/** Adds a note in the ticket's shared document, as the browser app does, and waits until it is stored. */
async function noteInDocument(ticketId: string, body: string): Promise<void> {
  const client: CollabClient = openCollab(setup.server.url, ticketId, apiToken)
  try {
    await client.synced
    writeNote(client.doc, randomUUID(), adminId, body)
    await eventually(async () => {
      const { messages } = (await setup.api.get(`/api/tickets/${ticketId}`)).body
      expect(messages.some((m: { kind: string; body: string }) => m.kind === 'note' && m.body === body)).toBe(true)
    })
  } finally {
    client.close()
  }
}

/** Sends a reply and waits until the channel took it. */
async function replied(ticketId: string, body: string): Promise<void> {
  const reply = await setup.api.post(`/api/tickets/${ticketId}/replies`, { body })
  expect(reply.status).toBe(202)
  await eventually(async () => {
    const { messages } = (await setup.api.get(`/api/tickets/${ticketId}`)).body
    expect(messages.find((m: { id: string }) => m.id === reply.body.message.id).status).toBe('sent')
  })
}

const ticketsOf = async (kind: string, text: string) =>
  (await setup.api.get(`/api/tickets?channel=${kind}&q=${encodeURIComponent(text)}`)).body.items

test('every channel of the registry has a driver in this suite', () => {
  expect(kinds.filter((kind) => !drivers[kind])).toEqual([])
})

describe.each(driven)('the $kind channel', (driver) => {
  test('turns a customer message into a ticket of that channel, and a repeated delivery into nothing more', async () => {
    const customer = nextCustomer++
    await driver.deliver(customer, `contract first ${customer}`, `ext-${customer}-1`)
    await driver.deliver(customer, `contract first ${customer}`, `ext-${customer}-1`)
    const [ticket, ...others] = await ticketsOf(driver.kind, `first ${customer}`)
    expect(others).toHaveLength(0)
    expect(ticket).toMatchObject({ channelKind: driver.kind, channelId: channelIds.get(driver.kind), status: 'open' })
    const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
    expect(detail.body.messages).toHaveLength(1)
  })

  test('joins a follow-up to the open ticket and reopens it when resolved, on one contact', async () => {
    const customer = nextCustomer++
    await driver.deliver(customer, `contract one ${customer}`, `ext-${customer}-1`)
    const [ticket] = await ticketsOf(driver.kind, `one ${customer}`)
    await driver.deliver(customer, `contract two ${customer}`, `ext-${customer}-2`)
    expect((await ticketsOf(driver.kind, `two ${customer}`))[0].id).toBe(ticket.id)
    await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'resolved' })
    await driver.deliver(customer, `contract three ${customer}`, `ext-${customer}-3`)
    const [reopened] = await ticketsOf(driver.kind, `three ${customer}`)
    expect(reopened).toMatchObject({ id: ticket.id, status: 'open', contactId: ticket.contactId })
  })

  test('sends a reply that reaches the customer the way their channel answers', async () => {
    const customer = nextCustomer++
    await driver.deliver(customer, `contract reply ${customer}`, `ext-${customer}-1`)
    const [ticket] = await ticketsOf(driver.kind, `reply ${customer}`)
    await replied(ticket.id, `answer ${customer}`)
    await driver.received(customer, `answer ${customer}`)
  })

  // Whatever a note says (markup, quotes, any script), and whether it was written over REST or in the
  // ticket's shared document, no byte of it leaves through the channel with the reply that follows it.
  test('never lets an internal note reach the customer (property)', async () => {
    const noteText = fc.string({ unit: 'grapheme', maxLength: 30 })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(noteText, fc.boolean()), { minLength: 1, maxLength: 3 }), async (notes) => {
        const customer = nextCustomer++
        await driver.deliver(customer, `contract notes ${customer}`, `ext-${customer}-1`)
        const [ticket] = await ticketsOf(driver.kind, `notes ${customer}`)
        const markers = notes.map((_, i) => `notesecret${customer}n${i}`)
        for (const [i, [text, inDocument]] of notes.entries()) {
          const body = `${text} ${markers[i]} ${text}`
          if (inDocument) await noteInDocument(ticket.id, body)
          else expect((await setup.api.post(`/api/tickets/${ticket.id}/notes`, { body })).status).toBe(201)
        }
        await replied(ticket.id, `after notes ${customer}`)
        await driver.received(customer, `after notes ${customer}`)
        const sent = customerSide()
        for (const marker of markers) expect(sent.filter((text) => text.includes(marker))).toEqual([])
      }),
      { numRuns: 3 },
    )
  })
})

test('a WhatsApp customer who later writes from a form with that phone number is one contact', async () => {
  const customer = nextCustomer++
  await drivers.whatsapp.deliver(customer, `contract whatsapp first ${customer}`, `wa-${customer}`)
  const form = await setup.api.post(`/webhooks/form/${channelIds.get('form')}`, {
    name: 'Same Person',
    email: `same${customer}@example.com`,
    phone: `+${waNumber(customer)}`,
    message: `contract form later ${customer}`,
  })
  expect(form.status).toBe(201)
  const [viaWhatsapp] = await ticketsOf('whatsapp', `whatsapp first ${customer}`)
  const [viaForm] = await ticketsOf('form', `form later ${customer}`)
  expect(viaForm.contactId).toBe(viaWhatsapp.contactId)
  const contact = await setup.api.get(`/api/contacts/${viaForm.contactId}`)
  expect(contact.body.tickets).toHaveLength(2)
})
