// The served OpenAPI document is the REST contract: every route the server answers is in it (so a new
// route cannot be forgotten), and nothing is documented that the server does not answer. The server is
// created in this process and asked through app.request(), without listening.
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { readConfig } from '../../server/config.ts'
import { createServer, type HelpdeskServer } from '../../server/create-server.ts'
import { createLogger } from '../../server/log.ts'
import { freshDatabaseEnv } from '../support/test-database.ts'

/** What the server answers that is not the REST contract: the app's and the widget's files, and the document itself. */
const notTheApi = [
  'GET /',
  'GET /sw.js',
  'GET /favicon.ico',
  'GET /assets/{name}',
  'GET /widget.js',
  'GET /chat-demo',
  'GET /api/openapi.json',
]

let helpdesk: HelpdeskServer

beforeAll(async () => {
  const env = await freshDatabaseEnv(inject('databaseTemplate'))
  helpdesk = await createServer(readConfig({ ...env, SMTP_PORT: '0', ADMIN_PASSWORD: 'admin-password-1' }), {
    log: createLogger('error'),
  })
})
afterAll(() => helpdesk?.close())

test('every route the server answers is documented, and every documented route is answered', async () => {
  const response = await helpdesk.app.request('/api/openapi.json')
  expect(response.status).toBe(200)
  const doc = (await response.json()) as { paths: Record<string, Record<string, unknown>> }
  const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  )
  const answered = [
    ...new Set(
      helpdesk.app.routes
        .filter((route) => route.method !== 'ALL') // middleware
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].filter((route) => !notTheApi.includes(route))
  expect(answered.filter((route) => !documented.includes(route))).toEqual([])
  expect(documented.filter((route) => !answered.includes(route))).toEqual([])
})
