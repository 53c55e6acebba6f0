// PostgreSQL crashing and coming back under a server taking form submissions: the server stays up,
// answers 503 (with Retry-After) while the database is away, never answers 2xx for a submission it then
// loses, and works again by itself once the database is back. PostgreSQL only: the test stops and starts
// a cluster of its own (PGlite is in the server's own process and cannot go away on its own).
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.ts'
import { usePostgres } from '../support/test-database.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

const submissions = 240
const senders = 8
const restarts = 3
// Bounds the senders on a slow machine; the count bounds them on a quick one.
const deadlineMs = 120_000

describe.skipIf(!usePostgres)('PostgreSQL restarted under load', () => {
  let cluster: PrivatePostgres
  let server: TestServer
  let admin: ApiClient
  let channelId: string

  beforeAll(async () => {
    cluster = await startPrivatePostgres()
    server = await startTestServer({ DATABASE_URL: cluster.url }, { process: true })
    admin = await new ApiClient(server.url).login()
    channelId = await createFormChannel(admin)
  })
  afterAll(async () => {
    await server?.stop()
    await cluster?.destroy()
  })

  const submission = (i: number) => ({ name: `Load ${i}`, email: `load${i}@example.com`, message: `restart load ${i}` })
  const send = (i: number) =>
    new ApiClient(server.url).post(`/webhooks/form/${channelId}`, submission(i), { 'idempotency-key': `restart-load-${i}` })

  test(
    'answers 201 or 503, loses nothing it answered, and recovers by itself',
    async () => {
      const answers = new Map<number, number>()
      const unexpected: string[] = []
      const deadline = Date.now() + deadlineMs
      let next = 0
      const sender = async () => {
        while (next < submissions && Date.now() < deadline) {
          const i = next++
          try {
            const answer = await send(i)
            answers.set(i, answer.status)
            if (answer.status === 503 && !answer.headers.get('retry-after')) unexpected.push(`${i}: 503 without Retry-After`)
            if (answer.status !== 201 && answer.status !== 503)
              unexpected.push(`${i}: ${answer.status} ${JSON.stringify(answer.body)}`)
          } catch (error) {
            unexpected.push(`${i}: no answer (${(error as Error).message})`)
          }
        }
      }
      const answered = (count: number) =>
        eventually(async () => expect(answers.size).toBeGreaterThanOrEqual(count), { timeoutMs: 60_000 })
      const restartUnderLoad = async () => {
        for (let round = 1; round <= restarts; round++) {
          await answered((round * submissions) / (restarts + 2))
          await cluster.stop('immediate')
          await new Promise((resolve) => setTimeout(resolve, 500))
          await cluster.start()
        }
      }
      await Promise.all([restartUnderLoad(), ...Array.from({ length: senders }, sender)])

      expect(unexpected).toEqual([])
      const statuses = [...answers.values()]
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0)
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0)
      await eventually(async () => expect((await admin.get('/health')).status).toBe(200), { timeoutMs: 15_000 })

      // Every 201 is stored, once (a submission kept for a retry is stored a moment later).
      const acknowledged = [...answers].filter(([, s]) => s === 201).map(([i]) => i)
      await eventually(async () => expect(await storedCounts(acknowledged)).toEqual(acknowledged.map(() => 1)), {
        timeoutMs: 15_000,
      })
      // The senders deliver again what was refused or never sent; then every submission is there once.
      const rest = Array.from({ length: submissions }, (_, i) => i).filter((i) => answers.get(i) !== 201)
      for (const i of rest) expect((await send(i)).status).toBe(201)
      expect(await storedCounts(Array.from({ length: submissions }, (_, i) => i))).toEqual(
        Array.from({ length: submissions }, () => 1),
      )
      // Nothing stopped the process. A rejection nobody awaited that is only the database being away is
      // logged and survived (the driver rejects queued queries from its socket's callbacks); any other is a bug.
      const faults = server
        .output()
        .split('\n')
        .filter((line) => /unhandled rejection|uncaught exception/i.test(line))
        .filter((line) => !/unhandled rejection.*(ECONNREFUSED|CONNECTION_CLOSED|CONNECTION_ENDED|ECONNRESET)/.test(line))
      expect(faults).toEqual([])
    },
    deadlineMs + 60_000,
  )

  /** How many messages hold each submission's text, in the order asked. */
  async function storedCounts(indexes: number[]): Promise<number[]> {
    const client = postgres(cluster.url, { max: 1, onnotice: () => {} })
    try {
      const found = await client<{ body: string; n: number }[]>`
        select body, count(*)::int as n from messages where body like 'restart load %' group by body`
      const byBody = new Map(found.map((f) => [f.body, f.n]))
      return indexes.map((i) => byBody.get(`restart load ${i}`) ?? 0)
    } finally {
      await client.end()
    }
  }
})
