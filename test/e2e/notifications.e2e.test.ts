// Desktop notifications and sound in Chromium: an agent who opts in on their device is shown one desktop
// notification each for a new chat, a mention and a ticket given to them, and hears a chime; clicking one
// opens its ticket. Nothing for what waited at sign-in, nothing for an agent who has not opted in, and a
// refused permission leaves the setting off. The browser's Notification and AudioContext are wrapped by
// an init script that records their use (the real ones still run).
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, openSignedIn } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { ChatVisitor } from '../support/chat-visitor.ts'
import { eventually } from '../support/eventually.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { uniqueEmail } from '../support/unique.ts'

const password = 'agent-password-1'
const slow = { timeout: 90_000 }
let server: TestServer
let browser: Browser
let admin: ApiClient
let adminName: string
let chatChannelId: string
let formChannelId: string
const visitors: ChatVisitor[] = []
const tabs: AppTab[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  admin = await new ApiClient(server.url).login()
  adminName = (await admin.get('/api/me')).body.agent.name
  chatChannelId = (await admin.post('/api/channels', { kind: 'chat', name: 'Site chat', config: {} })).body.channel.id
  formChannelId = await createFormChannel(admin)
})
afterAll(async () => {
  await Promise.all(visitors.map((v) => v.leave()))
  for (const tab of tabs) await tab.context.close()
  await browser?.close()
  await server?.stop()
})

/** Runs in the page before the app: records desktop notifications shown and oscillators made. */
function recordAlerts(): void {
  const shown: { title: string; body: string | undefined; tag: string | undefined }[] = []
  const instances: Notification[] = []
  const Real = window.Notification
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options)
      shown.push({ title, body: options?.body, tag: options?.tag })
      instances.push(this)
    }
  }
  const record = window as unknown as Record<string, unknown>
  Object.assign(record, { Notification: Recorded, shownAlerts: shown, alertInstances: instances, oscillators: 0 })
  const create = AudioContext.prototype.createOscillator
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    record.oscillators = (record.oscillators as number) + 1
    return create.call(this)
  }
}

const shownAlerts = (page: Page) =>
  page.evaluate(() => (window as unknown as { shownAlerts: { title: string; body: string }[] }).shownAlerts)
const oscillators = (page: Page) => page.evaluate(() => (window as unknown as { oscillators: number }).oscillators)

/** An agent's app, signed in, with notifications allowed by the browser (or not) and recorded. */
async function agentTab(name: string, allowNotifications: boolean): Promise<{ tab: AppTab; id: string }> {
  const made = await signedInAgent(admin, 'agent', name)
  const tab = await openSignedIn(browser, server.url, made.agent.email, password)
  tabs.push(tab)
  if (allowNotifications) await tab.context.grantPermissions(['notifications'], { origin: server.url })
  await tab.context.addInitScript(recordAlerts)
  await tab.page.reload()
  await tab.page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 60_000 })
  return { tab, id: made.agent.id }
}

async function openNotificationSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Notifications/ }).click()
  await page.getByRole('dialog', { name: 'Notifications' }).waitFor()
}

/** The bell has read its list and shows this many unread. */
async function unreadShown(page: Page, count: number): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: `Notifications (${count})` }).count(), slow).toBe(1)
}

async function chatArrives(name: string): Promise<void> {
  const visitor = await ChatVisitor.connect(server.url, chatChannelId)
  visitors.push(visitor)
  visitor.send({ type: 'hello', v: 1, name })
  await visitor.next((f) => f.type === 'welcome', 30_000)
  const clientId = randomUUID()
  visitor.send({ type: 'message', clientId, text: `Hi, ${name} here with a question` })
  await visitor.next((f) => f.clientId === clientId, 30_000)
}

async function formTicket(subject: string): Promise<{ id: string; number: number }> {
  const sent = await submitForm(server.url, formChannelId, {
    name: 'Olu Adeyemi',
    email: uniqueEmail('olu'),
    subject,
    message: `${subject}: please help`,
  })
  expect(sent.status).toBeLessThan(300)
  return eventually(async () => {
    const found = await admin.get(`/api/tickets?q=${encodeURIComponent(subject)}`)
    expect(found.body.items).toHaveLength(1)
    return found.body.items[0]
  })
}

test('an agent who opts in is shown a notification and hears a chime for a new chat, a mention and an assignment, not for the backlog', async () => {
  const { tab, id } = await agentTab('Bea Alerted', true)
  const { page } = tab
  await openNotificationSettings(page)
  await page.getByRole('checkbox', { name: 'Desktop notifications' }).check()
  await page.getByRole('checkbox', { name: 'Sound' }).check()
  await expect.poll(() => page.getByRole('checkbox', { name: 'Desktop notifications' }).isChecked(), slow).toBe(true)
  // Turning the sound on lets the agent hear it.
  expect(await oscillators(page)).toBeGreaterThan(0)

  // What is given to her while the app is closed waits in the bell and is not announced when it opens.
  await page.goto('about:blank')
  const backlog = await formTicket(`Backlog ${randomUUID().slice(0, 6)}`)
  expect((await admin.patch(`/api/tickets/${backlog.id}`, { assigneeId: id })).body.ticket.assigneeId).toBe(id)
  await page.goto(server.url)
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 60_000 })
  await unreadShown(page, 1)
  expect(await shownAlerts(page)).toEqual([])
  expect(await oscillators(page)).toBe(0)

  await chatArrives('Vera Visitor')
  await expect
    .poll(() => shownAlerts(page), slow)
    .toEqual([expect.objectContaining({ title: 'New chat', body: 'New chat from Vera Visitor' })])

  const mentioned = await formTicket(`Stock question ${randomUUID().slice(0, 6)}`)
  expect((await admin.post(`/api/tickets/${mentioned.id}/notes`, { body: '@Bea can you check the stock?' })).status).toBe(201)
  expect(
    (await admin.post(`/api/tickets/${mentioned.id}/mentions`, { agentIds: [id], body: '@Bea can you check the stock?' })).status,
  ).toBe(201)
  await expect
    .poll(() => shownAlerts(page), slow)
    .toContainEqual({
      title: 'You were mentioned',
      body: `${adminName} mentioned you on #${mentioned.number}: @Bea can you check the stock?`,
      tag: expect.any(String),
    })

  const assigned = await formTicket(`Refund ${randomUUID().slice(0, 6)}`)
  expect((await admin.patch(`/api/tickets/${assigned.id}`, { assigneeId: id })).status).toBe(200)
  await expect
    .poll(() => shownAlerts(page), slow)
    .toContainEqual({
      title: 'Ticket assigned to you',
      body: `Ticket #${assigned.number} was assigned to you by ${adminName}.`,
      tag: expect.any(String),
    })
  expect((await shownAlerts(page)).map((n) => n.title)).toEqual(['New chat', 'You were mentioned', 'Ticket assigned to you'])
  expect(await oscillators(page)).toBeGreaterThan(0)

  // Clicking the notification opens its ticket.
  await page.evaluate(() => {
    const shown = (window as unknown as { alertInstances: Notification[] }).alertInstances
    shown.find((n) => n.title === 'Ticket assigned to you')?.dispatchEvent(new Event('click'))
  })
  await page.waitForURL((url) => url.hash === `#/tickets/${assigned.id}`, slow)
}, 400_000)

test('an agent who has not opted in gets no desktop notification and no sound; a refused permission leaves it off', async () => {
  const { tab } = await agentTab('Cal Quiet', false)
  const { page } = tab
  await openNotificationSettings(page)
  const desktop = page.getByRole('checkbox', { name: 'Desktop notifications' })
  await desktop.check({ force: true }).catch(() => undefined)
  await expect.poll(() => page.getByRole('alert').filter({ hasText: 'desktop notifications stay off' }).count(), slow).toBe(1)
  expect(await desktop.isChecked()).toBe(false)
  expect(await page.getByRole('checkbox', { name: 'Sound' }).isChecked()).toBe(false)

  await chatArrives('Walt Visitor')
  await unreadShown(page, 1)
  expect(await shownAlerts(page)).toEqual([])
  expect(await oscillators(page)).toBe(0)
}, 240_000)
