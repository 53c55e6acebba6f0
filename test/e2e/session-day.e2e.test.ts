// One shared workstation through a day, in Chromium: agents sign in and out in the same tab and each sees
// their queue (never a false "No tickets here"), with no uncaught error on the way; signing in makes an
// agent available; typing that stopped stops counting everywhere; the supervisor sees every agent.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openTicket } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { adminEmail, adminPassword, startTestServer, type TestServer } from '../support/test-server.ts'

const desktop = { width: 1280, height: 800 }
const phone = { width: 390, height: 844 }
let server: TestServer
let browser: Browser
let admin: ApiClient
const bea = { email: '', password: 'agent-password-1', id: '' }

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  admin = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(admin)
  const sent = await submitForm(server.url, channelId, {
    name: 'Olu Adeyemi',
    email: 'olu@example.com',
    subject: 'Blue jacket',
    message: 'Is the blue jacket back in stock?',
  })
  expect(sent.status).toBeLessThan(300)
  const agent = await signedInAgent(admin, 'agent', 'Bea Colleague')
  bea.email = agent.agent.email
  bea.id = agent.agent.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A tab that records every uncaught error and console error, and whether "No tickets here" was ever shown. */
async function watchedTab(viewport = desktop) {
  const context = await browser.newContext({ viewport })
  const errors: string[] = []
  context.on('weberror', (error) => errors.push(`pageerror ${error.error().message}`))
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console ${message.text()} ${message.location().url}`)
  })
  await context.addInitScript(() => {
    const seen = { empty: 0 }
    ;(window as unknown as { seen: typeof seen }).seen = seen
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('No tickets here')) seen.empty++
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  // The browser logs a failed request as a console error without its address: note which it was.
  context.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`)
  })
  const page = await context.newPage()
  await page.goto(server.url)
  return { context, page, errors }
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 })
}

const rows = (page: Page) => page.getByRole('list', { name: 'Tickets' }).getByRole('link')
const sawEmpty = (page: Page) => page.evaluate(() => (window as unknown as { seen: { empty: number } }).seen.empty)

test('agents sign out and in again in one tab: each sees the queue, never a false empty, no uncaught error', async () => {
  const { context, page, errors } = await watchedTab()
  try {
    for (const [email, password] of [
      [adminEmail, adminPassword],
      [adminEmail, adminPassword],
      [bea.email, bea.password],
      [adminEmail, adminPassword],
    ] as const) {
      await signIn(page, email, password)
      await expect.poll(() => rows(page).filter({ hasText: 'Olu Adeyemi' }).count(), { timeout: 90_000 }).toBe(1)
      // The local database has opened and holds the copy (the list is read from it from now on).
      await expect
        .poll(
          () =>
            page
              .getByRole('status')
              .filter({ hasText: /Online|Connected/ })
              .getAttribute('title'),
          { timeout: 90_000 },
        )
        .toContain('Saved')
      await expect.poll(() => rows(page).count()).toBe(1)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByLabel('Email').waitFor()
    }
    expect(await sawEmpty(page)).toBe(0)
    expect(errors).toEqual([])
  } finally {
    await context.close()
  }
}, 400_000)

const availabilityOf = async (email: string) =>
  ((await admin.get('/api/agents')).body.items as { email: string; availability: string }[]).find((a) => a.email === email)
    ?.availability

for (const [device, viewport] of [
  ['desktop', desktop],
  ['phone', phone],
] as const) {
  test(`signing in makes the agent online, with one status control and the connection shown only when lost (${device})`, async () => {
    // An agent signed in nowhere else (signing out of one's last session makes one offline).
    const email = `${device}-${Date.now()}@example.com`
    const created = await admin.post('/api/agents', { email, name: `Sam ${device}`, role: 'agent', password: 'agent-password-1' })
    expect(created.status).toBe(201)
    expect(await availabilityOf(email)).toBe('offline')
    const { context, page, errors } = await watchedTab(viewport)
    try {
      await signIn(page, email, 'agent-password-1')
      const availability = page.getByLabel('Availability')
      await expect.poll(() => availability.inputValue()).toBe('online')
      // On a phone the header's secondary controls, availability among them, are behind "Menu".
      if (device === 'phone') await page.getByRole('button', { name: 'Menu' }).click()
      expect(await availability.isVisible()).toBe(true)
      expect(await availabilityOf(email)).toBe('online')
      // Connected, the header says nothing about the connection beside the availability.
      expect(await page.getByText('Online', { exact: true }).count()).toBe(0)
      await context.setOffline(true)
      await expect.poll(() => page.getByText('Offline: showing what is on this device').isVisible()).toBe(true)
      await context.setOffline(false)
      await expect.poll(() => page.getByText('Offline: showing what is on this device').count(), { timeout: 90_000 }).toBe(0)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByLabel('Email').waitFor()
      await expect.poll(() => availabilityOf(email)).toBe('offline')
      expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([])
    } finally {
      await context.close()
    }
  })
}

/** Whether a y-websocket frame from the page is an awareness message (type 1). */
const isAwareness = (message: string | Buffer) => typeof message !== 'string' && message[0] === 1

test('typing that stopped stops counting everywhere, whatever messages were lost; the supervisor sees every agent', async () => {
  const off = await signedInAgent(admin, 'agent', 'Dana Offshift')
  const adminTab = await watchedTab()
  const beaTab = await watchedTab()
  try {
    // Bea's awareness messages can be dropped on the way, as a rate limit or a bad link would.
    let dropAwareness = false
    await beaTab.page.routeWebSocket(/\/collab/, (ws) => {
      const toServer = ws.connectToServer()
      ws.onMessage((message) => {
        if (!(dropAwareness && isAwareness(message))) toServer.send(message)
      })
    })
    await signIn(adminTab.page, adminEmail, adminPassword)
    await signIn(beaTab.page, bea.email, bea.password)
    await openTicket(adminTab.page, 'Olu Adeyemi')
    await openTicket(beaTab.page, 'Olu Adeyemi')
    // In the ticket (her row in the list shows her too).
    const inTicket = adminTab.page.getByRole('region', { name: /^Ticket #/ })
    await expect
      .poll(() => inTicket.getByRole('img', { name: 'Bea Colleague', exact: true }).count(), { timeout: 30_000 })
      .toBe(1)

    await beaTab.page.getByLabel('Reply', { exact: true }).pressSequentially('Hello Olu, let me check')
    await expect.poll(() => adminTab.page.getByText('Bea Colleague is typing').count(), { timeout: 30_000 }).toBe(1)
    // Her "stopped typing" never arrives: the typing expires all the same, here and on the server.
    dropAwareness = true
    await expect.poll(() => adminTab.page.getByText('Bea Colleague is typing').count(), { timeout: 30_000 }).toBe(0)

    // The supervisor (admin) sees every agent, their availability, and the ticket by number, subject and customer.
    await adminTab.page.getByRole('link', { name: 'Supervisor' }).click()
    const floor = adminTab.page.getByRole('region', { name: 'Supervisor' })
    const beaRow = floor.getByRole('row').filter({ has: adminTab.page.getByRole('img', { name: 'Bea Colleague', exact: true }) })
    await expect.poll(() => beaRow.textContent(), { timeout: 30_000 }).toMatch(/online.*viewing #\d+ Blue jacket · Olu Adeyemi/)
    const offRow = floor.getByRole('row').filter({ hasText: 'Dana Offshift' })
    await expect.poll(() => offRow.textContent(), { timeout: 30_000 }).toContain('offline')
    expect(await offRow.getByRole('img', { name: off.agent.name, exact: true }).count()).toBe(1)

    // The server's guard on send uses the same expiry: the reply goes without a conflict.
    await adminTab.page.goBack()
    await adminTab.page.getByLabel('Reply', { exact: true }).waitFor()
    await adminTab.page.getByLabel('Reply', { exact: true }).fill('We have it in stock again.')
    const sent = adminTab.page.waitForResponse((r) => r.url().includes('/replies') && r.request().method() === 'POST')
    await adminTab.page.getByRole('button', { name: 'Send', exact: true }).click()
    // (A web-form ticket has no channel to answer on by itself: 422 channel_rule, which is not this test's concern.)
    expect((await sent).status()).not.toBe(409)
    expect(await adminTab.page.getByText('typing in this ticket right now').count()).toBe(0)
    expect([...adminTab.errors, ...beaTab.errors].filter((e) => !/422/.test(e))).toEqual([])
  } finally {
    await adminTab.context.close()
    await beaTab.context.close()
  }
})
