// Password guessing is limited per client and per account, in the database, and nobody can lock an agent
// out: one client spraying one password over many accounts is stopped, one client guessing one account
// is stopped, and a storm on an account from many clients slows only clients that never signed in to it.
// Clients are told apart by X-Forwarded-For, as behind a proxy (TRUST_PROXY_HOPS=1).
import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { signInWindowSeconds } from '../../server/auth/login-throttle.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient, type ApiResponse } from '../support/api-client.ts'
import { usePostgres } from '../support/test-database.ts'
import { useTestServer } from '../support/test-server.ts'

// Small limits keep the test short (every attempt is a deliberate, slow password check); the defaults are
// larger, the rules the same.
const signInLimits = { perClient: 8, perAccountFromClient: 3, perAccount: 9 }
const setup = useTestServer({ TRUST_PROXY_HOPS: '1', SIGN_IN_LIMITS: JSON.stringify(signInLimits) })
const password = 'agent-password-1'

let nextClient = 1
/** A client of its own: another address behind the proxy (the proxy appends what it saw). */
const newClient = () => `198.51.100.${nextClient++}`
const signIn = (client: string, email: string, pass: string, baseUrl = setup.server.url): Promise<ApiResponse> =>
  new ApiClient(baseUrl).post('/api/auth/login', { email, password: pass }, { 'x-forwarded-for': `203.0.113.9, ${client}` })

function expectRefused(response: ApiResponse) {
  expect(response.status).toBe(429)
  expect(response.body.error.code).toBe('rate_limited')
  expect(response.headers.get('set-cookie')).toBeNull()
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(signInWindowSeconds)
  expect(response.body.error.details.retryAfterSeconds).toBe(retryAfter)
}

test('one client spraying one password over many accounts is stopped, on every account, and only that client', async () => {
  const real = [await signedInAgent(setup.api, 'agent'), await signedInAgent(setup.api, 'admin')].map((a) => a.agent.email)
  const made = Array.from(
    { length: signInLimits.perClient - real.length },
    () => `sprayed-${randomUUID().slice(0, 8)}@example.com`,
  )
  const sprayer = newClient()
  for (const email of [...real, ...made]) expect((await signIn(sprayer, email, 'Summer2024!')).status).toBe(401)
  // Even the right password of a real account: the client is done for the window.
  expectRefused(await signIn(sprayer, real[0]!, password))
  expectRefused(await signIn(sprayer, `fresh-${randomUUID().slice(0, 8)}@example.com`, 'Summer2024!'))
  // Everybody else is untouched, the owners included.
  for (const email of real) expect((await signIn(newClient(), email, password)).status).toBe(200)
}, 90_000)

test('guessing one account from one client is stopped for that client; the owner signs in from their usual client', async () => {
  const { agent } = await signedInAgent(setup.api, 'agent')
  const usual = newClient()
  expect((await signIn(usual, agent.email, password)).status).toBe(200)

  const attacker = newClient()
  for (let i = 0; i < signInLimits.perAccountFromClient; i++) {
    expect((await signIn(attacker, agent.email, `guess-${i}`)).status).toBe(401)
  }
  expectRefused(await signIn(attacker, agent.email.toUpperCase(), password))
  // The attacker keeps hammering; the owner is never locked out.
  for (let i = 0; i < 5; i++) expectRefused(await signIn(attacker, agent.email, `guess-more-${i}`))
  expect((await signIn(usual, agent.email, password)).status).toBe(200)
  // A client the owner never used may still try: one client's guesses are that client's problem.
  expect((await signIn(newClient(), agent.email, password)).status).toBe(200)
})

test('a storm from many clients slows only clients that never signed in to the account; an admin is not locked out', async () => {
  const { agent: admin } = await signedInAgent(setup.api, 'admin')
  const usual = newClient()
  expect((await signIn(usual, admin.email, password)).status).toBe(200)

  let failures = 0
  while (failures < signInLimits.perAccount) {
    const bot = newClient()
    for (let i = 0; i < signInLimits.perAccountFromClient && failures < signInLimits.perAccount; i++, failures++) {
      expect((await signIn(bot, admin.email, `storm-${failures}`)).status).toBe(401)
    }
  }
  // A new client, even with the right password, waits for the storm's window to pass...
  expectRefused(await signIn(newClient(), admin.email, password))
  // ...but the owner at their usual desk signs in, again and again, while the storm goes on.
  for (let i = 0; i < 3; i++) {
    expectRefused(await signIn(newClient(), admin.email, `storm-more-${i}`))
    expect((await signIn(usual, admin.email, password)).status).toBe(200)
  }
  // Other accounts are not affected by the storm on this one.
  expect((await signIn(newClient(), 'admin@example.com', 'admin-password-1')).status).toBe(200)
}, 90_000)

test('a client cannot pass for another by writing X-Forwarded-For itself: only the proxy’s entry counts', async () => {
  const { agent } = await signedInAgent(setup.api, 'agent')
  const attacker = newClient()
  for (let i = 0; i < signInLimits.perAccountFromClient; i++) {
    // The client's own entries (left of the proxy's) change every time; the proxy's does not.
    const forged = { 'x-forwarded-for': `10.9.9.${i}, ${attacker}` }
    const tried = await new ApiClient(setup.server.url).post(
      '/api/auth/login',
      { email: agent.email, password: `x-${i}` },
      forged,
    )
    expect(tried.status).toBe(401)
  }
  expectRefused(await signIn(attacker, agent.email, password))
})

test.skipIf(!usePostgres)('the count is shared by every server process on the database', async () => {
  const second = await setup.server.restart()
  try {
    const { agent } = await signedInAgent(setup.api, 'agent')
    const attacker = newClient()
    for (let i = 0; i < signInLimits.perAccountFromClient; i++) {
      const server = i % 2 ? second.url : setup.server.url
      expect((await signIn(attacker, agent.email, `guess-${i}`, server)).status).toBe(401)
    }
    expectRefused(await signIn(attacker, agent.email, password, second.url))
    expectRefused(await signIn(attacker, agent.email, password, setup.server.url))
  } finally {
    await second.stop()
  }
})
