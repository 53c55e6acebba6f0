// One contract, every channel (STYLE.md rule 1): whatever the channel, a customer message becomes a
// ticket, a repeated delivery is stored once, a follow-up joins the open ticket and reopens a resolved
// one, the same person is one contact, and a reply leaves through the channel the customer used.
// Skipped cases, and why: the web form cannot carry a reply (the customer is answered by email once the
// email channel exists), so its reply case expects the clear refusal instead. Live chat's replies go to
// the visitor's socket, so it checks there instead of the Graph API.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { instagramDm, messengerText, postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { eventually } from '../support/eventually.ts'
import { appSecret, type MetaSetup, startMetaServer } from '../support/meta-server.ts'

interface Driver {
  kind: string
  config: Record<string, unknown>
  /** Delivers a message from `customer` (a number, so every channel can make an id of it). */
  deliver(customer: number, text: string, externalId: string): Promise<void>
  /** True when the channel can carry a reply back. */
  replies: boolean
  /** Resolves once `customer` got the reply, for channels that do not answer through the Graph API. */
  received?(customer: number, text: string): Promise<void>
}

let setup: MetaSetup
const channelIds = new Map<string, string>()
let nextCustomer = 41000000
/** Live-chat customers: one visitor socket each, kept open to receive replies. */
const visitors = new Map<number, ChatVisitor>()

/** A valid US number per customer, so its phone identity is kept. */
const waNumber = (customer: number) => `1650555${String(customer).slice(-4)}`
const signed = async (delivery: object) =>
  expect((await postSignedWebhook(setup.server.url, delivery, appSecret)).status).toBe(200)

const drivers: Driver[] = [
  {
    kind: 'form',
    config: {},
    replies: false,
    async deliver(customer, text, externalId) {
      const answer = await setup.api.post(
        `/webhooks/form/${channelIds.get('form')}`,
        { name: `Customer ${customer}`, email: `c${customer}@example.com`, message: text },
        { 'idempotency-key': externalId },
      )
      expect(answer.status).toBe(201)
    },
  },
  {
    kind: 'messenger',
    config: { pageId: '700001', pageAccessToken: 'page-token' },
    replies: true,
    deliver: (customer, text, mid) => signed(messengerText({ pageId: '700001', psid: String(customer), text, mid })),
  },
  {
    kind: 'instagram',
    config: { igUserId: '700002', pageId: '700003', accessToken: 'ig-token' },
    replies: true,
    deliver: (customer, text, mid) => signed(instagramDm({ igUserId: '700002', igsid: String(customer), text, mid })),
  },
  {
    kind: 'whatsapp',
    config: { phoneNumberId: '700004', businessAccountId: '700005', accessToken: 'wa-token', displayPhoneNumber: '+1 555 0199' },
    replies: true,
    deliver: (customer, text, id) => signed(whatsappText({ phoneNumberId: '700004', from: waNumber(customer), text, id })),
  },
  {
    kind: 'chat',
    config: {},
    replies: true,
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
]

beforeAll(async () => {
  setup = await startMetaServer()
  for (const driver of drivers) {
    const created = await setup.api.post('/api/channels', { kind: driver.kind, name: driver.kind, config: driver.config })
    channelIds.set(driver.kind, created.body.channel.id)
  }
})
afterAll(async () => {
  await Promise.all([...visitors.values()].map((visitor) => visitor.leave()))
  await setup?.server.stop()
  await setup?.graph.close()
})

const ticketsOf = async (kind: string, text: string) =>
  (await setup.api.get(`/api/tickets?channel=${kind}&q=${encodeURIComponent(text)}`)).body.items

describe.each(drivers)('the $kind channel', (driver) => {
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

  test('sends a reply through the channel the customer used, or refuses it clearly', async () => {
    const customer = nextCustomer++
    await driver.deliver(customer, `contract reply ${customer}`, `ext-${customer}-1`)
    const [ticket] = await ticketsOf(driver.kind, `reply ${customer}`)
    const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: `answer ${customer}` })
    if (!driver.replies) {
      expect(reply.status).toBe(422)
      expect(reply.body.error.code).toBe('channel_rule')
      return
    }
    expect(reply.status).toBe(202)
    await eventually(async () => {
      const message = (await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages.find(
        (m: { id: string }) => m.id === reply.body.message.id,
      )
      expect(message.status).toBe('sent')
    })
    if (driver.received) await driver.received(customer, `answer ${customer}`)
    else expect(setup.graph.requests.some((r) => JSON.stringify(r.body).includes(`answer ${customer}`))).toBe(true)
  })
})

test('a WhatsApp customer who later writes from a form with that phone number is one contact', async () => {
  const customer = nextCustomer++
  await drivers[3]!.deliver(customer, `contract whatsapp first ${customer}`, `wa-${customer}`)
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
