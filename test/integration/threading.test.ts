import { beforeAll, expect, test } from 'vitest'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer()

// The default reopen window (REOPEN_WINDOW_DAYS unset: 7 days).
let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

const customer = () => {
  const email = uniqueEmail()
  return (message: string) => ticketFromForm(setup.api, channelId, { name: 'Thread', email, message })
}
const inboundBodies = async (ticketId: string) =>
  (await setup.api.get(`/api/tickets/${ticketId}`)).body.messages.filter((m: any) => m.kind === 'message').map((m: any) => m.body)

test('joins a second message from the same contact on the same channel to the open ticket', async () => {
  const write = customer()
  const first = await write('My order is late')
  const second = await write('Any news?')
  expect(second.id).toBe(first.id)
  expect(await inboundBodies(first.id)).toEqual(['My order is late', 'Any news?'])
})

test('opens a separate ticket for the same contact on another channel', async () => {
  const email = uniqueEmail()
  const first = await ticketFromForm(setup.api, channelId, { name: 'Two', email, message: 'On the site' })
  const otherChannel = await createFormChannel(setup.api, 'Other site')
  const second = await ticketFromForm(setup.api, otherChannel, { name: 'Two', email, message: 'On the other site' })
  expect(second.id).not.toBe(first.id)
  expect(second.contactId).toBe(first.contactId)
})

test('reopens a pending ticket when the customer writes', async () => {
  const write = customer()
  const ticket = await write('Question')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'pending' })).body.ticket.status).toBe('pending')
  const again = await write('Here is the answer you asked for')
  expect(again.id).toBe(ticket.id)
  expect(again.status).toBe('open')
})

test('reopens a resolved ticket when the customer writes within the reopen window', async () => {
  const write = customer()
  const ticket = await write('Broken')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'resolved' })).body.ticket.status).toBe('resolved')
  const again = await write('Still broken')
  expect(again.id).toBe(ticket.id)
  expect(again.status).toBe('open')
  expect(await inboundBodies(ticket.id)).toEqual(['Broken', 'Still broken'])
})

test('opens a new ticket instead of reopening a closed one', async () => {
  const write = customer()
  const ticket = await write('First problem')
  expect((await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'closed' })).status).toBe(200)
  const next = await write('A new problem')
  expect(next.id).not.toBe(ticket.id)
  expect(next.status).toBe('open')
  expect(next.contactId).toBe(ticket.contactId)
  const closed = await setup.api.get(`/api/tickets/${ticket.id}`)
  expect(closed.body.ticket.status).toBe('closed')
  expect(await inboundBodies(ticket.id)).toEqual(['First problem'])
})
