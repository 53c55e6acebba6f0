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

test('killed in the middle of a burst: every acknowledged submission is kept, and sending all again doubles none', {
  timeout: 120_000,
}, async () => {
  const channel = await createFormChannel(admin, 'Killed mid-burst')
  const total = 200
  const submission = (i: number) => ({ name: `Mid ${i}`, email: uniqueEmail(`mid${i}`), message: `Mid-burst message ${i}` })
  const submissions = Array.from({ length: total }, (_, i) => submission(i))
  const send = (i: number) => submitForm(server.url, channel, submissions[i]!, { 'idempotency-key': `mid-burst-${channel}-${i}` })
  let answered = 0
  let killed: Promise<void> | null = null
  const outcomes = await Promise.all(
    submissions.map((_, i) =>
      send(i).then(
        (answer) => {
          answered++
          if (answered === 20) killed = server.kill()
          return answer.status
        },
        () => 'no answer' as const,
      ),
    ),
  )
  await killed
  const acknowledged = outcomes.flatMap((status, i) => (status === 201 ? [i] : []))
  expect(outcomes.filter((status) => status !== 201 && status !== 'no answer')).toEqual([])
  expect(acknowledged.length).toBeGreaterThanOrEqual(20)
  expect(acknowledged.length).toBeLessThan(total)

  server = await server.restart()
  admin = await new ApiClient(server.url).login()
  const stored = async () => {
    const counts = new Map<string, number>()
    for (const ticket of await allTickets(admin, `channelId=${channel}`))
      counts.set(ticket.lastMessagePreview, (counts.get(ticket.lastMessagePreview) ?? 0) + 1)
    return counts
  }
  const afterCrash = await stored()
  expect(acknowledged.filter((i) => afterCrash.get(submissions[i]!.message) !== 1)).toEqual([])

  // The senders deliver everything again, as a sender that never heard back (or is unsure) does.
  for (let i = 0; i < total; i += 25) {
    const again = await Promise.all(Array.from({ length: Math.min(25, total - i) }, (_, j) => send(i + j)))
    expect(again.map((a) => a.status)).toEqual(again.map(() => 201))
  }
  const afterRedelivery = await stored()
  expect(afterRedelivery.size).toBe(total)
  expect(submissions.filter((s) => afterRedelivery.get(s.message) !== 1)).toEqual([])
})
