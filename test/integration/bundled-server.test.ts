// `npm start` runs the server's bundle (scripts/build-server.ts), not its sources: the bundle starts, finds
// its migrations and the built app from dist/, and loads the MIME parser (a separate chunk) with the
// first mail.
import { randomUUID } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildServer } from '../../scripts/build-server.ts'
import { ApiClient } from '../support/api-client.ts'
import { createEmailChannel } from '../support/email-server.ts'
import { eventually } from '../support/eventually.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

const root = join(import.meta.dirname, '../..')
// Inside dist/, so the bundle finds the project's root above it as the real one does.
const outdir = join(root, 'dist', `server-test-${randomUUID().slice(0, 8)}`)
let server: TestServer
let api: ApiClient

beforeAll(async () => {
  await buildServer(root, outdir)
  server = await startTestServer({}, { process: true, script: join(outdir, 'main.js') })
  api = await new ApiClient(server.url).login()
}, 120_000)
afterAll(async () => {
  await server?.stop()
  rmSync(outdir, { recursive: true, force: true })
})

test('the bundled server migrates, signs in and serves the app page', async () => {
  expect((await fetch(`${server.url}/health`)).status).toBe(200)
  expect((await api.get('/api/me')).status).toBe(200)
  // The page from dist/client where the app is built (npm test alone does not build it), else the page
  // that says how to build it: either way the bundle looked where the app is.
  const built = existsSync(join(root, 'dist/client/index.html'))
  const page = await fetch(server.url)
  expect(page.status).toBe(built ? 200 : 503)
  expect(page.headers.get('content-type')).toMatch(/text\/html/)
  if (!built) expect(await page.text()).toContain('npm run build')
})

test('the bundled server reads a mail with the parser it loads on demand', async () => {
  const secret = 'whsec-bundle-0123456789'
  const channelId = await createEmailChannel(api, { address: 'inbox@bundle.example', inboundSecret: secret })
  const answer = await fetch(`${server.url}/webhooks/email/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${secret}` },
    body: `From: Lee <lee@bundle.example>\r\nTo: inbox@bundle.example\r\nSubject: Bundled\r\nMessage-ID: <${randomUUID()}@x>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>parcel <b>lark4417</b><script>x()</script></p>\r\n`,
  })
  expect(answer.status).toBe(202)
  await eventually(async () => {
    const found = await api.get('/api/tickets?channel=email&q=lark4417')
    expect(found.body.items).toHaveLength(1)
  })
})
