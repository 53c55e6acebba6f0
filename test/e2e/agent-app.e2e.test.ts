// The agent app in Chromium against a real server and a fake Graph API: signing in, a WhatsApp message
// arriving live in the open inbox, two agents writing one reply together, a note that never reaches the
// customer, and a reply written offline that is sent exactly once when the network returns.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { launchBrowser } from '../support/browser.ts'
import { appSecret, type MetaSetup, startMetaServer } from '../support/meta-server.ts'

const number = { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }
let setup: MetaSetup
let browser: Browser
let admin: AppTab
let colleague: { email: string; password: string }

beforeAll(async () => {
  ;[setup, browser] = await Promise.all([startMetaServer(), launchBrowser()])
  const channel = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp support',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+1 555 078 3881' },
  })
  expect(channel.status).toBe(201)
  const bea = await signedInAgent(setup.api, 'agent', 'Bea Colleague')
  colleague = { email: bea.agent.email, password: 'agent-password-1' }
  admin = await openSignedIn(browser, setup.server.url)
})
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
  await setup?.graph.close()
})

const sentTexts = () =>
  setup.graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).map((r) => JSON.stringify(r.body))

test('a WhatsApp message appears in the open inbox without a reload', async () => {
  await expect.poll(() => admin.page.getByText('No tickets here.').count()).toBe(1)
  const posted = await postSignedWebhook(
    setup.server.url,
    whatsappText({ ...number, from: '4915112345678', name: 'Sheena Nelson', text: 'Is the blue jacket back in stock?' }),
    appSecret,
  )
  expect(posted.status).toBe(200)
  const row = admin.page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: 'Sheena Nelson' })
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
  await expect.poll(() => row.textContent()).toContain('Is the blue jacket back in stock?')
})

test('two agents write one reply together and see each other', async () => {
  const bea = await openSignedIn(browser, setup.server.url, colleague.email, colleague.password)
  try {
    await openTicket(admin.page, 'Sheena Nelson')
    await openTicket(bea.page, 'Sheena Nelson')
    const alsoViewing = admin.page.getByRole('list', { name: 'Also viewing' })
    await expect.poll(() => alsoViewing.getByRole('img', { name: /Bea Colleague/ }).count(), { timeout: 10_000 }).toBe(1)

    await admin.page.getByLabel('Reply', { exact: true }).pressSequentially('Hello Sheena,')
    await expect.poll(() => bea.page.getByLabel('Reply', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Hello Sheena,')
    await bea.page.getByLabel('Reply', { exact: true }).press('End')
    await bea.page.getByLabel('Reply', { exact: true }).pressSequentially(' yes it is!')
    await expect.poll(() => admin.page.getByText('Bea Colleague is typing').count(), { timeout: 5_000 }).toBe(1)
    for (const tab of [admin, bea]) {
      await expect
        .poll(() => tab.page.getByLabel('Reply', { exact: true }).inputValue(), { timeout: 10_000 })
        .toBe('Hello Sheena, yes it is!')
    }
  } finally {
    await bea.context.close()
  }
  // Leave the draft empty for the next tests.
  await admin.page.getByLabel('Reply', { exact: true }).fill('')
})

test('an internal note stays inside the helpdesk', async () => {
  const before = setup.graph.requests.length
  await admin.page.getByRole('tab', { name: 'Internal note' }).click()
  await admin.page.getByLabel('Internal note', { exact: true }).fill('Customer is a VIP, check stock with the warehouse')
  await admin.page.getByRole('button', { name: 'Add note' }).click()
  const note = admin.page.getByRole('listitem', { name: /^Internal note by/ })
  await expect.poll(() => note.first().textContent(), { timeout: 30_000 }).toContain('VIP')
  // Give the server every chance to (wrongly) send it.
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  expect(
    setup.graph.requests
      .slice(before)
      .map((r) => JSON.stringify(r.body))
      .join(''),
  ).not.toContain('VIP')
  await admin.page.getByRole('tab', { name: 'Reply' }).click()
})

test('a reply written offline is sent once when the network returns', async () => {
  await admin.context.setOffline(true)
  await expect.poll(() => admin.page.getByText('Offline', { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  await admin.page.getByLabel('Reply', { exact: true }).fill('It ships tomorrow morning.')
  await admin.page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => admin.page.getByText('1 waiting to be sent').count(), { timeout: 5_000 }).toBe(1)
  expect(sentTexts().filter((t) => t.includes('It ships tomorrow morning.'))).toHaveLength(0)

  await admin.context.setOffline(false)
  await expect.poll(() => sentTexts().filter((t) => t.includes('It ships tomorrow morning.')).length, { timeout: 15_000 }).toBe(1)
  await expect.poll(() => admin.page.getByText('waiting to be sent').count(), { timeout: 10_000 }).toBe(0)
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  expect(sentTexts().filter((t) => t.includes('It ships tomorrow morning.'))).toHaveLength(1)
})

test('the app runs under its Content-Security-Policy without a single violation', async () => {
  const page = await admin.page.request.get(setup.server.url)
  expect(page.headers()['content-security-policy']).toContain("script-src 'self'")
  // Everything above (sign-in, the live inbox, the shared draft, notes, offline and back) ran under it.
  expect(admin.cspViolations).toEqual([])
  // And a script the policy does not allow is refused: the policy is enforced, not only sent.
  const ran = await admin.page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.head.append(script)
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
  })
  expect(ran).toBe(false)
  await expect.poll(() => admin.cspViolations.length).toBeGreaterThan(0)
})
