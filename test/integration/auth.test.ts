import { expect, test } from 'vitest'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { adminEmail, adminPassword, useTestServer } from '../support/test-server.ts'

const setup = useTestServer()

test('signs in and answers the agent when the password is right', async () => {
  const response = await new ApiClient(setup.server.url).post('/api/auth/login', { email: adminEmail, password: adminPassword })
  expect(response.status).toBe(200)
  expect(response.body.agent).toMatchObject({ email: adminEmail, role: 'admin' })
  expect(response.body.agent).not.toHaveProperty('passwordHash')
})

test('refuses with 401 invalid_credentials when the password or the email is wrong', async () => {
  const client = new ApiClient(setup.server.url)
  const wrongPassword = await client.post('/api/auth/login', { email: adminEmail, password: 'not-the-password' })
  expect(wrongPassword.status).toBe(401)
  expect(wrongPassword.body.error.code).toBe('invalid_credentials')
  expect(wrongPassword.headers.get('set-cookie')).toBeNull()
  const unknownEmail = await client.post('/api/auth/login', { email: 'nobody@example.com', password: adminPassword })
  expect(unknownEmail.status).toBe(401)
  expect(unknownEmail.body.error.code).toBe('invalid_credentials')
  expect((await client.get('/api/me')).status).toBe(401)
})

test('sets an HttpOnly, SameSite=Lax session cookie when signing in', async () => {
  const response = await fetch(`${setup.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  })
  const cookie = response.headers.get('set-cookie') ?? ''
  expect(cookie).toMatch(/^hd_session=/)
  expect(cookie).toMatch(/;\s*HttpOnly/i)
  expect(cookie).toMatch(/;\s*SameSite=Lax/i)
  expect(cookie).toMatch(/;\s*Path=\//i)
})

test('answers the signed-in agent on GET /api/me', async () => {
  const me = await setup.api.get('/api/me')
  expect(me.status).toBe(200)
  expect(me.body.agent).toMatchObject({ email: adminEmail, role: 'admin', teamIds: [] })
})

test('invalidates the session when signing out, even if the old cookie is sent again', async () => {
  const client = await new ApiClient(setup.server.url).login()
  const cookie = client.cookie
  expect((await client.get('/api/me')).status).toBe(200)
  expect((await client.post('/api/auth/logout')).status).toBe(200)
  client.cookie = cookie
  const after = await client.get('/api/me')
  expect(after.status).toBe(401)
  expect(after.body.error.code).toBe('not_signed_in')
})

test('refuses a session cookie whose signature was tampered with', async () => {
  const client = new ApiClient(setup.server.url)
  expect(setup.api.cookie).toMatch(/^hd_session=hds_/)
  client.cookie = setup.api.cookie!.replace('hds_', 'hds_x')
  expect((await client.get('/api/me')).status).toBe(401)
})

test('creates an API token for an setup.api that works as a bearer token', async () => {
  const created = await setup.api.post('/api/tokens', { name: 'CI' })
  expect(created.status).toBe(201)
  expect(created.body.token).toEqual(expect.any(String))
  const client = new ApiClient(setup.server.url)
  client.token = created.body.token
  const me = await client.get('/api/me')
  expect(me.status).toBe(200)
  expect(me.body.agent.email).toBe(adminEmail)
  expect((await client.get('/api/tickets')).status).toBe(200)
})

test('refuses to create an API token with 403 when the caller has the agent role', async () => {
  const { client } = await signedInAgent(setup.api, 'agent')
  const response = await client.post('/api/tokens', { name: 'mine' })
  expect(response.status).toBe(403)
  expect(response.body.error.code).toBe('forbidden')
})

test('refuses an unknown bearer token with 401', async () => {
  const client = new ApiClient(setup.server.url)
  client.token = 'hdt_not-a-real-token'
  const response = await client.get('/api/me')
  expect(response.status).toBe(401)
  expect(response.body.error.code).toBe('not_signed_in')
})

test('answers every /api route with 401 JSON when not signed in', async () => {
  const id = '00000000-0000-4000-8000-000000000000'
  const routes: [string, string][] = [
    ['GET', '/api/me'],
    ['POST', '/api/tokens'],
    ['GET', '/api/agents'],
    ['POST', '/api/agents'],
    ['GET', '/api/teams'],
    ['POST', '/api/teams'],
    ['GET', '/api/channels'],
    ['POST', '/api/channels'],
    ['GET', '/api/tickets'],
    ['GET', `/api/tickets/${id}`],
    ['PATCH', `/api/tickets/${id}`],
    ['POST', `/api/tickets/${id}/notes`],
    ['GET', '/api/contacts'],
    ['GET', `/api/contacts/${id}`],
    ['POST', `/api/contacts/${id}/merge`],
  ]
  const anonymous = new ApiClient(setup.server.url)
  for (const [method, path] of routes) {
    const response = await anonymous.request(method, path, method === 'GET' ? undefined : {})
    expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 })
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.body.error).toMatchObject({ code: 'not_signed_in', message: expect.any(String) })
  }
})
