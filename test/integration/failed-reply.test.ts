// A reply that never reached the customer answers nothing: the ticket keeps waiting on us, says so
// (replyFailedAt) in the API and in the sync the browsers' local databases are fed from, and a later reply
// that goes through clears it. It is no reply for the SLA either: the first and the next reply fall due again.
import { beforeAll, expect, test } from 'vitest'
import { graphErrors } from '../fakes/graph-errors.ts'
import { postSignedWebhook, whatsappStatus, whatsappText } from '../fakes/meta-webhooks.ts'
import { eventually } from '../support/eventually.ts'
import { appSecret, useMetaServer } from '../support/meta-server.ts'
import { pullAll } from '../support/sync-pull.ts'

const setup = useMetaServer()
const number = { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }

beforeAll(async () => {
  const created = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp support',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+1 555 078 3881' },
  })
  expect(created.status).toBe(201)
})

async function customerWrites(from: string, text: string) {
  const posted = await postSignedWebhook(
    setup.server.url,
    whatsappText({ ...number, from, name: 'Ada Failing', text }),
    appSecret,
  )
  expect(posted.status).toBe(200)
  const found = await setup.api.get(`/api/tickets?channel=whatsapp&q=${encodeURIComponent(text)}`)
  return found.body.items[0] as { id: string }
}

const ticketOf = async (id: string) => (await setup.api.get(`/api/tickets/${id}`)).body.ticket
const waitingOnUs = async () =>
  ((await setup.api.get('/api/tickets?view=waiting_on_us&limit=200')).body.items as { id: string }[]).map((t) => t.id)

test('a failed reply keeps the ticket waiting on us, flagged, until a later reply goes through', async () => {
  const ticket = await customerWrites('4915100000001', 'Where is my parcel?')
  expect(await waitingOnUs()).toContain(ticket.id)

  setup.graph.inject({ ...graphErrors.whatsappUndeliverable, times: 1 })
  const refused = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'It left on Monday.' })
  expect(refused.status).toBe(202)
  const flagged = await eventually(async () => {
    const after = await ticketOf(ticket.id)
    expect(after.replyFailedAt).toBe(refused.body.message.createdAt)
    return after
  })
  expect(flagged.status).toBe('open')
  expect(await waitingOnUs()).toContain(ticket.id)
  // The browsers' local copies hear of it too.
  const pulled = await pullAll(setup.api)
  expect(pulled.tickets.get(ticket.id)?.replyFailedAt).toBe(refused.body.message.createdAt)

  const sent = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Sorry: it left on Monday.' })
  expect(sent.status).toBe(202)
  await eventually(async () => expect((await ticketOf(ticket.id)).replyFailedAt).toBeNull())
  expect(await waitingOnUs()).not.toContain(ticket.id)
})

test('a late failure report flags only the newest reply: an older one failing after a newer went through is no flag', async () => {
  const from = '4915100000002'
  const ticket = await customerWrites(from, 'Do you ship to Norway?')
  const older = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes.' })
  const newer = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes, in three days.' })
  const externalIdOf = (messageId: string) =>
    eventually(async () => {
      const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
      const message = detail.body.messages.find((m: { id: string }) => m.id === messageId)
      expect(message.status).toBe('sent')
      return message.externalId as string
    })
  // Both went out before either report comes: the dispatcher sends them one after the other.
  const sent = new Map([
    [older.body.message.id, await externalIdOf(older.body.message.id)],
    [newer.body.message.id, await externalIdOf(newer.body.message.id)],
  ])
  const reportFailed = async (messageId: string) => {
    const status = whatsappStatus({ ...number, messageId: sent.get(messageId)!, recipientId: from, status: 'failed' })
    expect((await postSignedWebhook(setup.server.url, status, appSecret)).status).toBe(200)
  }

  await reportFailed(older.body.message.id)
  expect((await ticketOf(ticket.id)).replyFailedAt).toBeNull()
  expect(await waitingOnUs()).not.toContain(ticket.id)

  await reportFailed(newer.body.message.id)
  expect((await ticketOf(ticket.id)).replyFailedAt).toBe(newer.body.message.createdAt)
  expect(await waitingOnUs()).toContain(ticket.id)
})

test('a failed reply is no reply: the first and the next reply are due again, from the customer’s message', async () => {
  const policy = await setup.api.post('/api/sla-policies', {
    name: 'Replies',
    targets: { firstReplyMinutes: 60, nextReplyMinutes: 30 },
  })
  expect(policy.status).toBe(201)
  const from = '4915100000003'
  const ticket = await customerWrites(from, 'Is the blue one back in stock?')

  setup.graph.inject({ ...graphErrors.whatsappUndeliverable, times: 1 })
  expect((await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes.' })).status).toBe(202)
  const unanswered = await eventually(async () => {
    const after = await ticketOf(ticket.id)
    expect(after.replyFailedAt).not.toBeNull()
    return after
  })
  expect(unanswered.firstResponseAt).toBeNull()

  const answer = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Yes, it is back.' })
  await eventually(async () => expect((await ticketOf(ticket.id)).replyFailedAt).toBeNull())
  expect((await ticketOf(ticket.id)).firstResponseAt).toBe(answer.body.message.createdAt)

  // The customer writes again (WhatsApp's times are whole seconds: in a later second than the answer, as a
  // person would); the reply goes out, then Meta reports it failed.
  const answeredAt = Date.parse(answer.body.message.createdAt)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (answeredAt % 1_000) + answeredAt - Date.now() + 20)))
  await customerWrites(from, 'And in size M?')
  const due = (await ticketOf(ticket.id)).sla.nextReplyDueAt
  expect(due).not.toBeNull()
  const late = await setup.api.post(`/api/tickets/${ticket.id}/replies`, { body: 'Size M too.' })
  const externalId = await eventually(async () => {
    const detail = await setup.api.get(`/api/tickets/${ticket.id}`)
    const message = detail.body.messages.find((m: { id: string }) => m.id === late.body.message.id)
    expect(message.status).toBe('sent')
    return message.externalId as string
  })
  expect((await ticketOf(ticket.id)).sla.nextReplyDueAt).toBeNull()
  const failed = whatsappStatus({ ...number, messageId: externalId, recipientId: from, status: 'failed' })
  expect((await postSignedWebhook(setup.server.url, failed, appSecret)).status).toBe(200)

  const after = await ticketOf(ticket.id)
  expect(after.replyFailedAt).toBe(late.body.message.createdAt)
  expect(after.sla.nextReplyDueAt).toBe(due)
  expect(after.firstResponseAt).toBe(answer.body.message.createdAt)
  expect(await waitingOnUs()).toContain(ticket.id)
})
