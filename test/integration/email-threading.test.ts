// Email threading both ways, and one customer everywhere: our reply arrives in the customer's mail client
// threaded (Message-ID, In-Reply-To, References, [#number]); their answer joins the same ticket; a new
// mail from them opens a new ticket on the same contact; a web-form customer is answered by email; and
// an Instagram DM, a mail and a chat from one person land on one contact.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type FakeGraphApi, startFakeGraphApi } from '../fakes/graph-api.ts'
import { instagramDm, postSignedWebhook } from '../fakes/meta-webhooks.ts'
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { appSecret } from '../support/meta-server.ts'

const mailbox = 'help@shop.example'
let setup: EmailSetup
let sink: SmtpSink
let graph: FakeGraphApi

beforeAll(async () => {
  sink = await startSmtpSink()
  graph = await startFakeGraphApi()
  setup = await startEmailServer({ SMTP_URL: sink.url, META_APP_SECRET: appSecret, META_GRAPH_URL: graph.url })
  await createEmailChannel(setup.api, { address: mailbox, fromName: 'Shop Help' })
})
afterAll(async () => {
  await setup?.server.stop()
  await sink?.close()
  await graph?.close()
})

const ticketsMatching = async (text: string) => (await setup.api.get(`/api/tickets?q=${encodeURIComponent(text)}`)).body.items
const sentStatus = (ticketId: string, messageId: string) =>
  eventually(async () => {
    const message = (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages.find(
      (m: { id: string }) => m.id === messageId,
    )
    expect(message.status).toBe('sent')
    return message
  })

test('our reply is threaded in the customer’s mail client, and their answer joins the ticket', async () => {
  const customer = `kim.${randomUUID().slice(0, 8)}@example.org`
  const firstId = `<${randomUUID()}@example.org>`
  await setup.send({
    from: `Kim <${customer}>`,
    to: mailbox,
    subject: 'Broken zipper on my jacket',
    text: 'The zipper broke after a week.',
    messageId: firstId,
  })
  const [ticket] = await ticketsMatching('zipper broke')
  sink.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'So sorry! We will send a new one.' })
  expect(reply.status).toBe(202)
  const sent = await sentStatus(ticket.id, reply.body.message.id)
  const [mail] = await sink.waitFor(1)
  expect(mail!.envelope.to).toEqual([customer])
  expect(mail!.parsed.from?.value[0]).toMatchObject({ address: mailbox, name: 'Shop Help' })
  expect(mail!.parsed.subject).toBe(`Re: Broken zipper on my jacket [#${ticket.number}]`)
  expect(mail!.parsed.inReplyTo).toBe(firstId)
  expect(mail!.parsed.references).toEqual(firstId)
  expect(mail!.parsed.messageId).toBe(sent.externalId)
  expect(mail!.parsed.text?.trim()).toBe('So sorry! We will send a new one.')
  expect(mail!.parsed.html).toContain('So sorry!')

  await setup.send({
    from: customer,
    to: mailbox,
    subject: mail!.parsed.subject,
    text: 'Thank you, that works for me.',
    inReplyTo: sent.externalId,
    references: [firstId, sent.externalId],
  })
  const [answered] = await ticketsMatching('works for me')
  expect(answered.id).toBe(ticket.id)

  await setup.send({ from: customer, to: mailbox, subject: 'Another order question', text: 'Can I change my delivery address?' })
  const [fresh] = await ticketsMatching('delivery address')
  expect(fresh.id).not.toBe(ticket.id)
  expect(fresh.contactId).toBe(ticket.contactId)
})

test('a web-form customer is answered by email, and their answer by mail joins the form’s ticket', async () => {
  const formId = await createFormChannel(setup.api)
  const customer = `lee.${randomUUID().slice(0, 8)}@example.org`
  await submitForm(setup.server.url, formId, {
    name: 'Lee',
    email: customer,
    subject: 'Invoice copy',
    message: 'Please resend my invoice',
  })
  const [ticket] = await ticketsMatching('resend my invoice')
  sink.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Attached again, sorry.' })
  const sent = await sentStatus(ticket.id, reply.body.message.id)
  const [mail] = await sink.waitFor(1)
  expect(mail!.envelope.to).toEqual([customer])
  expect(mail!.parsed.subject).toBe(`Re: Invoice copy [#${ticket.number}]`)
  await setup.send({
    from: customer,
    to: mailbox,
    subject: mail!.parsed.subject,
    text: 'Got it, thanks',
    inReplyTo: sent.externalId,
  })
  const [answered] = await ticketsMatching('Got it')
  expect(answered.id).toBe(ticket.id)
})

test('a web-form ticket is answered at the address given on it, even once merged into a profile with another', async () => {
  const formId = await createFormChannel(setup.api)
  const given = `kim.${randomUUID().slice(0, 8)}@example.org`
  await submitForm(setup.server.url, formId, { name: 'Kim', email: given, message: 'Where is parcel 42?' })
  const [ticket] = await ticketsMatching('parcel 42')
  const other = `someone.${randomUUID().slice(0, 8)}@example.net`
  await setup.send({ from: other, to: mailbox, subject: 'Hello', text: 'A different person writes about parcel 43' })
  const [profile] = await ticketsMatching('parcel 43')
  const merged = await setup.api.post(`/api/contacts/${profile.contactId}/merge`, { sourceId: ticket.contactId })
  expect(merged.status).toBe(200)
  expect(merged.body.contact.email).toBe(other)
  sink.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'It left the warehouse today.' })
  await sentStatus(ticket.id, reply.body.message.id)
  const [mail] = await sink.waitFor(1)
  expect(mail!.envelope.to).toEqual([given])
})

test('a temporary refusal is retried; a permanent one fails the reply with the server’s words', async () => {
  const customer = `max.${randomUUID().slice(0, 8)}@example.org`
  await setup.send({ from: customer, to: mailbox, subject: 'Size', text: 'Which size fits a 180 cm person?' })
  const [ticket] = await ticketsMatching('180 cm')
  sink.reset()
  sink.failNext(1, 451)
  const retried = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Size L.' })
  await eventually(
    async () => expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages.at(-1).status).toBe('sent'),
    {
      timeoutMs: 15_000,
    },
  )
  expect(sink.mails.filter((m) => m.parsed.text?.includes('Size L.'))).toHaveLength(1)
  expect(retried.status).toBe(202)

  sink.failNext(1, 550, 'No such user here')
  const refused = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Or M.' })
  const failed = await eventually(async () => {
    const message = (await setup.api.get(`/api/tickets/${ticket.id}`)).body.messages.find(
      (m: { id: string }) => m.id === refused.body.message.id,
    )
    expect(message.status).toBe('failed')
    return message
  })
  expect(failed.error).toContain('No such user here')
})

test('an Instagram DM, a mail from the address given in it, and a chat with that email are one contact', async () => {
  const igUserId = '17841400000099999'
  await setup.api.post('/api/channels', {
    kind: 'instagram',
    name: 'IG',
    config: { igUserId, pageId: '5550099', accessToken: 'tok' },
  })
  const chatChannel = (await setup.api.post('/api/channels', { kind: 'chat', name: 'Site chat', config: {} })).body.channel.id
  const address = `ana.${randomUUID().slice(0, 8)}@example.org`

  await postSignedWebhook(
    setup.server.url,
    instagramDm({ igUserId, igsid: '6841100000000777', text: `Sale question, my email is ${address}` }),
    appSecret,
  )
  const [dm] = await ticketsMatching('Sale question')
  // The agent links the address the customer gave to their profile.
  expect((await setup.api.post(`/api/contacts/${dm.contactId}/identities`, { kind: 'email', value: address })).status).toBe(201)

  await setup.send({ from: address, to: mailbox, subject: 'My order from the sale', text: 'Order 7781 has not shipped' })
  const [mail] = await ticketsMatching('7781')
  expect(mail.contactId).toBe(dm.contactId)

  const { visitor } = await ChatVisitor.arrive(setup.server.url, chatChannel, { name: 'Ana', email: address })
  await visitor.say('Chatting about order 7781 now')
  const [chat] = await eventually(async () => {
    const found = await ticketsMatching('Chatting about')
    expect(found).toHaveLength(1)
    return found
  })
  await visitor.leave()
  expect(chat.contactId).toBe(dm.contactId)
  const profile = await setup.api.get(`/api/contacts/${dm.contactId}`)
  expect(profile.body.tickets.map((t: { channelKind: string }) => t.channelKind).sort()).toEqual(['chat', 'email', 'instagram'])
})

test('a chat reply to a visitor who has left goes to the email they gave', async () => {
  const chatChannel = (await setup.api.post('/api/channels', { kind: 'chat', name: 'Help chat', config: {} })).body.channel.id
  const address = `gone.${randomUUID().slice(0, 8)}@example.org`
  const { visitor } = await ChatVisitor.arrive(setup.server.url, chatChannel, { name: 'Gone', email: address })
  await visitor.say('Are you there? I have to go soon')
  const [ticket] = await eventually(async () => {
    const found = await ticketsMatching('have to go soon')
    expect(found).toHaveLength(1)
    return found
  })
  await visitor.leave()
  sink.reset()
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes! Here is the answer by mail.' })
  expect(reply.status).toBe(202)
  await sentStatus(ticket.id, reply.body.message.id)
  const [mail] = await sink.waitFor(1)
  expect(mail!.envelope.to).toEqual([address])
  expect(mail!.parsed.text).toContain('Here is the answer by mail.')
})

test('a reply carries files as mail attachments; too many bytes are refused with 413', async () => {
  const customer = `pat.${randomUUID().slice(0, 8)}@example.org`
  await setup.send({ from: customer, to: mailbox, subject: 'Receipt please', text: 'Can I get my receipt as a PDF?' })
  const [ticket] = await ticketsMatching('receipt as a PDF')
  sink.reset()
  const pdf = Buffer.from('%PDF-1.4 a tiny receipt')
  const reply = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    body: 'Here it is.',
    attachments: [{ name: 'receipt-4411.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64') }],
  })
  expect(reply.status).toBe(202)
  expect(reply.body.message.attachments).toEqual([
    expect.objectContaining({ name: 'receipt-4411.pdf', mimeType: 'application/pdf', size: pdf.length }),
  ])
  await sentStatus(ticket.id, reply.body.message.id)
  const [mail] = await sink.waitFor(1)
  expect(mail!.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
    ['receipt-4411.pdf', 'application/pdf', '%PDF-1.4 a tiny receipt'],
  ])
  const stored = await fetch(setup.server.url + reply.body.message.attachments[0].url, { headers: { cookie: setup.api.cookie! } })
  expect(Buffer.from(await stored.arrayBuffer())).toEqual(pdf)

  const tooBig = Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64')
  const refused = await setup.api.post(`/api/tickets/${ticket.id}/replies`, {
    body: 'Too big',
    attachments: [{ name: 'big.bin', mimeType: 'application/octet-stream', base64: tooBig }],
  })
  expect(refused.status).toBe(413)
})
