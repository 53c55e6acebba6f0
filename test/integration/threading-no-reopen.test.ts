import { afterAll, beforeAll, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

// REOPEN_WINDOW_DAYS=0: a resolved ticket is never reopened by the customer.
let server: TestServer
let admin: ApiClient
let channelId: string

beforeAll(async () => {
  server = await startTestServer({ REOPEN_WINDOW_DAYS: '0' })
  admin = await new ApiClient(server.url).login()
  channelId = await createFormChannel(admin)
})
afterAll(async () => {
  await server?.stop()
})

test('opens a new ticket for a resolved one when the reopen window is 0 days', async () => {
  const email = uniqueEmail()
  const ticket = await ticketFromForm(admin, channelId, { name: 'Zero', email, message: 'Broken' })
  await admin.patch(`/api/tickets/${ticket.id}`, { status: 'resolved' })
  const next = await ticketFromForm(admin, channelId, { name: 'Zero', email, message: 'Broken again' })
  expect(next.id).not.toBe(ticket.id)
  expect(next.status).toBe('open')
  expect((await admin.get(`/api/tickets/${ticket.id}`)).body.ticket.status).toBe('resolved')
})

test('still joins a pending ticket when the reopen window is 0 days', async () => {
  const email = uniqueEmail()
  const ticket = await ticketFromForm(admin, channelId, { name: 'Zero', email, message: 'Waiting' })
  await admin.patch(`/api/tickets/${ticket.id}`, { status: 'pending' })
  const next = await ticketFromForm(admin, channelId, { name: 'Zero', email, message: 'Done waiting' })
  expect(next.id).toBe(ticket.id)
  expect(next.status).toBe('open')
})
