import { afterAll, beforeAll, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { allTickets, ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

// What the server answered with success must survive SIGKILL (no shutdown handler runs).
let server: TestServer
let admin: ApiClient
let channelId: string

beforeAll(async () => {
  server = await startTestServer({}, { process: true })
  admin = await new ApiClient(server.url).login()
  channelId = await createFormChannel(admin)
})
afterAll(async () => {
  await server?.stop()
})

/** SIGKILL, then a new process on the same data; the old session cookie is carried over. */
async function crashAndRestart(): Promise<void> {
  await server.kill()
  server = await server.restart()
  const cookie = admin.cookie
  admin = new ApiClient(server.url)
  admin.cookie = cookie
}

test('keeps a submission, a note and a change to pending after SIGKILL', async () => {
  const ticket = await ticketFromForm(admin, channelId, { name: 'Kim', email: uniqueEmail(), message: 'Survive this' })
  expect((await admin.post(`/api/tickets/${ticket.id}/notes`, { body: 'A note that must stay' })).status).toBe(201)
  expect((await admin.patch(`/api/tickets/${ticket.id}`, { status: 'pending' })).status).toBe(200)
  await crashAndRestart()
  const detail = await admin.get(`/api/tickets/${ticket.id}`)
  expect(detail.status).toBe(200)
  expect(detail.body.ticket.status).toBe('pending')
  expect(detail.body.messages.map((m: any) => [m.kind, m.body])).toEqual([
    ['message', 'Survive this'],
    ['note', 'A note that must stay'],
    ['event', expect.stringContaining('pending')],
  ])
})

test('keeps every acknowledged submission exactly once when killed right after 50 concurrent ones', async () => {
  const channel = await createFormChannel(admin, 'Burst')
  const submissions = Array.from({ length: 50 }, (_, i) => ({
    name: `Burst ${i}`,
    email: uniqueEmail(`burst${i}`),
    message: `Burst message ${i}`,
  }))
  const answers = await Promise.all(submissions.map((s) => submitForm(server.url, channel, s)))
  await server.kill()
  expect(answers.map((a) => a.status)).toEqual(submissions.map(() => 201))
  server = await server.restart()
  admin = await new ApiClient(server.url).login()

  const stored = await allTickets(admin, `channelId=${channel}`)
  const acknowledged = answers.map((a) => a.body.ticketNumber as number)
  expect(new Set(acknowledged).size).toBe(50)
  expect(stored.map((t) => t.number).sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b))
  for (const [i, answer] of answers.entries()) {
    const ticket = stored.find((t) => t.number === answer.body.ticketNumber)
    expect(ticket.lastMessagePreview).toBe(submissions[i]!.message)
  }
  const detail = await admin.get(`/api/tickets/${stored[0].id}`)
  expect(detail.body.messages.filter((m: any) => m.kind === 'message')).toHaveLength(1)
})

test('serves and accepts new submissions after a restart from a crash', async () => {
  await crashAndRestart()
  expect((await admin.get('/health')).body.ok).toBe(true)
  const ticket = await ticketFromForm(admin, channelId, { name: 'After', email: uniqueEmail(), message: 'After the crash' })
  expect(ticket.status).toBe('open')
})
