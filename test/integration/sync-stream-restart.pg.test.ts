// A live sync stream open across a PostgreSQL restart: the stream stays open, the server listens again
// once the database is back and tells the stream to pull (what was committed meanwhile was not pushed),
// and changes are pushed again after it. PostgreSQL only: the test stops and starts a cluster of its own.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.ts'
import { openSyncStream } from '../support/sync-stream.ts'
import { usePostgres } from '../support/test-database.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

describe.skipIf(!usePostgres)('a sync stream across a PostgreSQL restart', () => {
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

  const submit = (message: string) =>
    submitForm(server.url, channelId, { name: 'Restart', email: 'restart@example.com', message })

  test('stays open, is told to pull once the database is back, and is pushed to again', async () => {
    const stream = await openSyncStream(server.url, admin)
    try {
      await stream.next((e) => e.event === 'change')
      expect((await submit('before the restart')).status).toBe(201)
      await stream.next((e) => e.event === 'tickets' && JSON.stringify(e.data).includes('before the restart'))
      const before = stream.events.length
      await cluster.stop('immediate')
      await new Promise((resolve) => setTimeout(resolve, 500))
      await cluster.start()
      await eventually(async () => expect((await admin.get('/health')).status).toBe(200), { timeoutMs: 15_000 })
      const told = await stream.next((e) => e.event === 'change' && !e.data.pushed, { from: before, timeoutMs: 15_000 })
      await eventually(async () => expect((await submit('after the restart')).status).toBe(201), { timeoutMs: 15_000 })
      await stream.next((e) => e.event === 'tickets' && JSON.stringify(e.data).includes('after the restart'), {
        from: stream.events.indexOf(told),
        timeoutMs: 15_000,
      })
      expect(server.output()).toMatch(/listening for changes again/)
    } finally {
      stream.close()
    }
  }, 120_000)
})
