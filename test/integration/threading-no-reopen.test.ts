import { beforeAll, expect, test } from 'vitest'
import { createFormChannel } from '../support/form-channel.ts'
import { useTestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

const setup = useTestServer({ REOPEN_WINDOW_DAYS: '0' })

// REOPEN_WINDOW_DAYS=0: a resolved ticket is never reopened by the customer.
let channelId: string

beforeAll(async () => {
  channelId = await createFormChannel(setup.api)
})

test('opens a new ticket for a resolved one when the reopen window is 0 days', async () => {
  const email = uniqueEmail()
  const ticket = await ticketFromForm(setup.api, channelId, { name: 'Zero', email, message: 'Broken' })
  await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'resolved' })
  const next = await ticketFromForm(setup.api, channelId, { name: 'Zero', email, message: 'Broken again' })
  expect(next.id).not.toBe(ticket.id)
  expect(next.status).toBe('open')
  expect((await setup.api.get(`/api/tickets/${ticket.id}`)).body.ticket.status).toBe('resolved')
})

test('still joins a pending ticket when the reopen window is 0 days', async () => {
  const email = uniqueEmail()
  const ticket = await ticketFromForm(setup.api, channelId, { name: 'Zero', email, message: 'Waiting' })
  await setup.api.patch(`/api/tickets/${ticket.id}`, { status: 'pending' })
  const next = await ticketFromForm(setup.api, channelId, { name: 'Zero', email, message: 'Done waiting' })
  expect(next.id).toBe(ticket.id)
  expect(next.status).toBe('open')
})
