import { beforeAll, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { useTestServer } from '../support/test-server.ts'

const setup = useTestServer()

let anonymous: ApiClient

beforeAll(async () => {
  anonymous = new ApiClient(setup.server.url)
})

test('answers GET /health with ok and the kind of database', async () => {
  const health = await anonymous.get('/health')
  expect(health.status).toBe(200)
  expect(health.body).toEqual({ ok: true, db: setup.server.env.DATABASE_URL ? 'postgres' : 'pglite' })
})

test('serves an OpenAPI 3 document with every documented path, without sign-in', async () => {
  const response = await anonymous.get('/api/openapi.json')
  expect(response.status).toBe(200)
  const doc = response.body
  expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/)
  expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) })
  const expected: Record<string, string[]> = {
    '/api/auth/login': ['post'],
    '/api/auth/logout': ['post'],
    '/api/me': ['get'],
    '/api/tokens': ['post'],
    '/api/agents': ['get', 'post'],
    '/api/teams': ['get', 'post'],
    '/api/channels': ['get', 'post'],
    '/api/tickets': ['get'],
    '/api/tickets/{id}': ['get', 'patch'],
    '/api/tickets/{id}/notes': ['post'],
    '/api/contacts': ['get'],
    '/api/contacts/{id}': ['get'],
    '/api/contacts/{id}/merge': ['post'],
    '/webhooks/form/{channelId}': ['post'],
  }
  for (const [path, methods] of Object.entries(expected)) {
    expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual(methods.sort())
    for (const method of methods) {
      const operation = doc.paths[path][method]
      expect(
        Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)),
        `${method} ${path}`,
      ).toBe(true)
      expect(operation.responses.default, `${method} ${path}`).toBeDefined()
    }
  }
  const list = doc.paths['/api/tickets'].get.parameters.map((p: any) => p.name)
  expect(list).toEqual(
    expect.arrayContaining(['status', 'channel', 'assigneeId', 'teamId', 'tag', 'contactId', 'q', 'limit', 'cursor']),
  )
  expect(doc.paths['/api/tickets/{id}'].patch.requestBody.content['application/json'].schema).toMatchObject({ type: 'object' })
})

test('answers an unknown route with 404 and a JSON error body', async () => {
  for (const [method, path] of [
    ['GET', '/no/such/page'],
    ['POST', '/webhooks/nowhere'],
    ['DELETE', '/health'],
  ] as const) {
    const response = await anonymous.request(method, path)
    expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 })
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  }
})

test('answers an unknown /api route with 404 JSON once signed in', async () => {
  const admin = await new ApiClient(setup.server.url).login()
  const response = await admin.get('/api/no-such-thing')
  expect(response.status).toBe(404)
  expect(response.body.error).toMatchObject({ code: 'not_found', message: expect.any(String) })
})
