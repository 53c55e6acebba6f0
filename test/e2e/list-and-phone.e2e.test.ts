// The inbox list and the phone layout in Chromium, measured by element boxes: dense rows with SLA badges,
// tags, channel icons and who else is on a ticket; a failed reply that keeps its ticket waiting on us,
// marked red in the list, the ticket and the supervisor's screen; on a 390×844 phone the conversation has
// the screen, the composer docks at the bottom, the header keeps to one row and no page scrolls sideways.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { graphErrors } from '../fakes/graph-errors.ts'
import { postSignedWebhook, whatsappText } from '../fakes/meta-webhooks.ts'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { launchBrowser } from '../support/browser.ts'
import { appSecret, type MetaSetup, startMetaServer } from '../support/meta-server.ts'

const number = { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }
const desktop = { width: 1440, height: 900 }
const phone = { width: 390, height: 844 }
let setup: MetaSetup
let browser: Browser
let admin: AppTab
let colleague: { email: string; password: string }

async function customerWrites(from: string, name: string, text: string): Promise<string> {
  const posted = await postSignedWebhook(setup.server.url, whatsappText({ ...number, from, name, text }), appSecret)
  expect(posted.status).toBe(200)
  const found = await setup.api.get(`/api/tickets?channel=whatsapp&q=${encodeURIComponent(text)}`)
  return found.body.items[0].id
}

beforeAll(async () => {
  // The server's clock is driven: one ticket is made three hours back, so its first-reply target has passed.
  ;[setup, browser] = await Promise.all([startMetaServer({ TEST_CLOCK: '1' }), launchBrowser()])
  const setClock = async (at: Date) =>
    expect((await setup.api.post('/api/test/clock', { now: at.toISOString() })).status).toBe(200)
  const channel = await setup.api.post('/api/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp support',
    config: { ...number, accessToken: 'EAAW-token', displayPhoneNumber: '+1 555 078 3881' },
  })
  expect(channel.status).toBe(201)
  const policy = await setup.api.post('/api/sla-policies', {
    name: 'Standard',
    targets: { firstReplyMinutes: 60, resolutionMinutes: 24 * 60 },
  })
  expect(policy.status).toBe(201)
  await setClock(new Date(Date.now() - 3 * 3_600_000))
  await customerWrites('4915100000100', 'Larry Late', 'Still nothing after three hours')
  await setClock(new Date())
  for (let i = 1; i <= 17; i++) {
    await customerWrites(String(4915100000100 + i), `Customer ${String(i).padStart(2, '0')}`, `Question number ${i}`)
  }
  const tagged = await customerWrites('4915100000200', 'Tina Tagged', 'Refund for my order please')
  expect((await setup.api.patch(`/api/tickets/${tagged}`, { tags: ['refund', 'vip'] })).status).toBe(200)
  const bea = await signedInAgent(setup.api, 'agent', 'Bea Colleague')
  colleague = { email: bea.agent.email, password: 'agent-password-1' }
  admin = await openSignedIn(browser, setup.server.url)
  await admin.page.setViewportSize(desktop)
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
  await setup?.graph.close()
})

const ticketList = (page: Page) => page.getByRole('list', { name: 'Tickets' })
const rowOf = (page: Page, text: string) => ticketList(page).getByRole('link').filter({ hasText: text })

/** How many rows lie wholly inside the list's visible box. */
async function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.virtual-list')
    if (!scroller) return 0
    const box = scroller.getBoundingClientRect()
    return [...scroller.querySelectorAll('.inbox-row')].filter((row) => {
      const r = row.getBoundingClientRect()
      return r.height > 0 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.top < window.innerHeight
    }).length
  })
}

test('at 1440×900 the list shows at least 14 rows, with channel icons, tags and SLA badges', async () => {
  const page = admin.page
  await expect.poll(() => ticketList(page).getByRole('link').count(), { timeout: 90_000 }).toBeGreaterThanOrEqual(14)
  expect(await rowsInView(page)).toBeGreaterThanOrEqual(14)

  const tina = rowOf(page, 'Tina Tagged')
  // The channel is an inline SVG icon named for it, not letters.
  const icon = tina.getByRole('img', { name: 'WhatsApp' })
  expect(await icon.evaluate((el) => el.tagName.toLowerCase())).toBe('svg')
  expect(await tina.locator('.channel-icon').textContent()).toBe('WhatsApp')
  expect(await tina.locator('.tag').allTextContents()).toEqual(['refund', 'vip'])
  await expect.poll(() => tina.locator('.sla').textContent(), { timeout: 30_000 }).toMatch(/^Due \d+ min$/)
  await expect
    .poll(() => rowOf(page, 'Larry Late').locator('.sla.breached').textContent(), { timeout: 30_000 })
    .toMatch(/^Breached/)
  // Two lines, whatever a row holds: badges and tags do not make it taller than its slot.
  const heights = await ticketList(page)
    .locator('.inbox-row')
    .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)))
  expect(new Set(heights).size).toBe(1)
  const inner = await tina.evaluate((row) => row.scrollHeight - row.clientHeight)
  expect(inner).toBe(0)
}, 180_000)

test('a colleague on a ticket shows on its row in the list, named', async () => {
  const bea = await openSignedIn(browser, setup.server.url, colleague.email, colleague.password)
  try {
    await expect.poll(() => rowOf(bea.page, 'Customer 03').count(), { timeout: 90_000 }).toBe(1)
    await openTicket(bea.page, 'Customer 03')
    const avatar = rowOf(admin.page, 'Customer 03').getByRole('img', { name: 'Bea Colleague' })
    await expect.poll(() => avatar.count(), { timeout: 30_000 }).toBe(1)
    // Only there: no other row claims her.
    expect(await ticketList(admin.page).getByRole('img', { name: 'Bea Colleague' }).count()).toBe(1)
  } finally {
    await bea.context.close()
  }
  await expect
    .poll(() => rowOf(admin.page, 'Customer 03').getByRole('img', { name: 'Bea Colleague' }).count(), { timeout: 30_000 })
    .toBe(0)
}, 180_000)

test('a failed reply keeps the ticket waiting on us, marked red in the list, the ticket and the supervisor screen', async () => {
  const page = admin.page
  await openTicket(page, 'Customer 05')
  setup.graph.inject({ ...graphErrors.whatsappUndeliverable, times: 1 })
  await page.getByLabel('Reply', { exact: true }).fill('Your parcel left on Monday.')
  await page.getByRole('button', { name: 'Send', exact: true }).click()

  const row = rowOf(page, 'Customer 05')
  await expect.poll(() => row.locator('.reply-failed').textContent(), { timeout: 30_000 }).toContain('Not delivered')
  expect(await row.evaluate((el) => getComputedStyle(el.querySelector('.reply-failed')!).color)).toBe('rgb(201, 42, 42)')
  // Still waiting: the waiting time, not a bare "open".
  expect(await row.locator('.waiting').count()).toBe(1)
  expect(await row.locator('.status-chip').count()).toBe(0)
  await expect.poll(() => page.getByRole('alert').filter({ hasText: 'did not reach the customer' }).count()).toBe(1)

  await page.goto(`${setup.server.url}/#/supervisor`)
  const waitingOnUs = page.getByRole('region', { name: 'Waiting on us' })
  // The row names the ticket by its last message: the reply that failed.
  const item = waitingOnUs.getByRole('listitem').filter({ hasText: 'Your parcel left on Monday.' })
  await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1)
  expect(await item.locator('.reply-failed').textContent()).toBe('Reply not delivered')

  // A reply that goes through clears the mark everywhere.
  await page.goto(`${setup.server.url}/#/`)
  await openTicket(page, 'Customer 05')
  await page.getByLabel('Reply', { exact: true }).fill('Sorry, trying again: it left on Monday.')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => row.locator('.reply-failed').count(), { timeout: 30_000 }).toBe(0)
  await expect.poll(() => page.getByRole('alert').filter({ hasText: 'did not reach the customer' }).count()).toBe(0)
}, 240_000)

test('on a 390×844 phone the conversation fills the screen, the composer docks at the bottom, the details fold away', async () => {
  const page = admin.page
  await page.goto(`${setup.server.url}/#/`)
  await page.setViewportSize(phone)
  await openTicket(page, 'Customer 07')
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!
  const status = page.getByRole('region', { name: /^Ticket #/ }).getByLabel('Status')
  await expect.poll(async () => (await box('.thread')).height, { timeout: 30_000 }).toBeGreaterThan(phone.height / 2)
  const composer = await box('.composer')
  expect(Math.abs(composer.y + composer.height - phone.height)).toBeLessThanOrEqual(1)
  expect(await status.isVisible()).toBe(false)
  expect(await page.locator('.side').isVisible()).toBe(false)

  // The fields and the customer are a button away, and back.
  await page.getByRole('button', { name: 'Details' }).click()
  expect(await status.isVisible()).toBe(true)
  await page.getByRole('button', { name: 'Conversation' }).click()
  expect(await status.isVisible()).toBe(false)
  expect((await box('.thread')).height).toBeGreaterThan(phone.height / 2)

  // The header is one row, as high as its tallest control.
  const header = await page.locator('header.top').evaluate((top) => {
    const children = [...top.children].filter((c) => (c as HTMLElement).offsetParent !== null)
    const tops = children.map((c) => c.getBoundingClientRect())
    return {
      height: top.getBoundingClientRect().height,
      tallest: Math.max(...tops.map((r) => r.height)),
      overflow: top.scrollWidth - top.clientWidth,
      right: Math.max(...tops.map((r) => r.right)),
    }
  })
  expect(header.height).toBeLessThanOrEqual(header.tallest + 12)
  expect(header.overflow).toBe(0)
  expect(header.right).toBeLessThanOrEqual(phone.width)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
  // What does not fit is behind the menu.
  const supervisor = page.getByRole('link', { name: 'Supervisor' })
  expect(await supervisor.isVisible()).toBe(false)
  await page.getByRole('button', { name: 'Menu' }).click()
  expect(await supervisor.isVisible()).toBe(true)
  await page.getByRole('button', { name: 'Menu' }).click()
}, 180_000)

test('on a phone the settings tables fit the width: no page scrolls sideways', async () => {
  const page = admin.page
  await page.setViewportSize(phone)
  for (const tab of ['channels', 'agents', 'teams', 'hours', 'sla', 'rules', 'replies', 'macros', 'tags', 'guidelines']) {
    await page.goto(`${setup.server.url}/#/settings/${tab}`)
    await page.getByRole('navigation', { name: 'Settings sections' }).waitFor()
    await expect
      .poll(() => page.locator('.settings').getByRole('table').or(page.locator('.settings form')).count())
      .toBeGreaterThan(0)
    const widest = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      pane: Math.max(...[...document.querySelectorAll('.settings, .settings *')].map((el) => el.getBoundingClientRect().right)),
    }))
    expect(widest.page, tab).toBeLessThanOrEqual(phone.width)
    expect(widest.pane, tab).toBeLessThanOrEqual(phone.width)
  }
}, 120_000)

test('the sample-data notice shows in the inbox only', async () => {
  const page = admin.page
  await page.setViewportSize(desktop)
  expect((await setup.api.post('/api/sample-data', {})).status).toBeLessThan(300)
  // The app learns of the sample channels when it reads the directory: at a start.
  await page.goto(`${setup.server.url}/#/`)
  await page.reload()
  const notice = page.getByRole('region', { name: 'Sample data' })
  await expect.poll(() => notice.count(), { timeout: 90_000 }).toBe(1)
  for (const screen of ['#/supervisor', '#/settings/channels']) {
    await page.goto(`${setup.server.url}/${screen}`)
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    expect(await notice.count(), screen).toBe(0)
  }
  await page.goto(`${setup.server.url}/#/`)
  await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(1)
}, 240_000)
