// What was left of the agent's working day, in Chromium: on a 390×844 phone the composer with a reply
// being typed keeps its Send buttons on screen; the Hand off popover closes on Escape back to its button;
// empty settings lists say so in a sentence; read marks are per agent and follow them to another browser,
// made offline too; only a note's author edits it and a colleague sees the edit live, marked; a bulk
// change the server refuses for one ticket puts that row back and names it; the customer's profile,
// opened offline, shows once the connection is back.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, insideScreen, openSignedIn, openTicket } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

let server: TestServer
let api: ApiClient
let browser: Browser
let admin: AppTab
let bea: { id: string; email: string; password: string }
const customers: Record<string, { id: string; number: number }> = {}
const wait = { timeout: 90_000 }
/** Under load the browser's local database alone can take 20–40 s to open. */
const slow = 300_000
const phone = { width: 390, height: 844 }
const desktop = { width: 1280, height: 800 }

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(api)
  const colleague = await signedInAgent(api, 'agent', 'Bea Colleague')
  bea = { id: colleague.agent.id, email: colleague.agent.email, password: 'agent-password-1' }
  for (const name of ['Pia Phone', 'Ren Reads', 'Noa Notes', 'Cy Bulk', 'Di Taken', 'Lu Later']) {
    const ticket = await ticketFromForm(api, channelId, { name, email: uniqueEmail(), message: `Hello from ${name}` })
    customers[name] = { id: ticket.id, number: ticket.number }
  }
  admin = await openSignedIn(browser, server.url)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, slow)

const rowOf = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: name })
const unreadDots = (page: Page, name: string) => rowOf(page, name).getByRole('img', { name: 'Unread' }).count()
/** The device's own copy is open and filled: marks and changes are read from it. */
const localCopyReady = (page: Page) =>
  expect.poll(() => page.locator('[role="status"][title^="Saved on this device"]').count(), wait).toBe(1)
const toInbox = async (page: Page) => {
  await page.goto(`${server.url}/#/`)
  await page.getByRole('list', { name: 'Tickets' }).waitFor(wait)
}
/** The admin's read mark of a ticket as the server keeps it: null when unread (or never read). */
const serverSeenAt = async (name: string) =>
  ((await api.get('/api/me/reads')).body.items as { ticketId: string; seenAt: string | null }[]).find(
    (r) => r.ticketId === customers[name]!.id,
  )?.seenAt ?? null

test(
  'empty settings lists say so in a plain sentence, never as a numbered or bulleted item',
  async () => {
    const page = admin.page
    const empties = { teams: 'No teams yet.', hours: 'No calendars yet', sla: 'No policies yet', rules: 'No rules yet.' }
    for (const [tab, sentence] of Object.entries(empties)) {
      await page.goto(`${server.url}/#/settings/${tab}`)
      const empty = page.locator('.settings').getByText(sentence)
      await expect.poll(() => empty.count(), wait).toBe(1)
      expect(await empty.evaluate((el) => el.tagName.toLowerCase()), tab).toBe('p')
      expect(await empty.evaluate((el) => el.closest('li, ol, ul') === null), tab).toBe(true)
      // No list stands there empty either (an empty <ol> still takes its room).
      expect(await page.locator('.settings-list').count(), tab).toBe(0)
    }
  },
  slow,
)

test(
  'the Hand off popover closes on Escape and gives the focus back to its button',
  async () => {
    const page = admin.page
    await toInbox(page)
    const handOff = page.getByRole('button', { name: 'Hand off', exact: true })
    await handOff.click()
    const popover = page.getByRole('form', { name: 'Hand off my open tickets' })
    await expect.poll(() => popover.count()).toBe(1)
    expect(await handOff.getAttribute('aria-expanded')).toBe('true')
    // The focus went into the popover, and Escape works from there.
    await expect.poll(() => popover.evaluate((form) => form.contains(document.activeElement))).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => popover.count()).toBe(0)
    expect(await handOff.evaluate((button) => button === document.activeElement)).toBe(true)
    expect(await handOff.getAttribute('aria-expanded')).toBe('false')
  },
  slow,
)

test(
  'on a 390×844 phone, typing a reply, the composer stays docked with every Send button on screen',
  async () => {
    const page = admin.page
    await toInbox(page)
    await page.setViewportSize(phone)
    try {
      await openTicket(page, 'Pia Phone')
      const reply = page.getByLabel('Reply', { exact: true })
      await reply.pressSequentially('Thanks Pia, the replacement ships on Monday with tracking by email. '.repeat(3))
      for (const name of ['Send', 'Send and set pending', 'Send and resolve']) {
        const button = page.getByRole('button', { name, exact: true })
        expect(await insideScreen(button, page), name).toBe(true)
      }
      expect(await insideScreen(reply, page)).toBe(true)
      // Nothing scrolls sideways: not the page, not the composer.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
      const composer = page.locator('.composer')
      expect(await composer.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0)
      const docked = (await composer.boundingBox())!
      expect(Math.abs(docked.y + docked.height - phone.height)).toBeLessThanOrEqual(1)
      // The conversation keeps most of the screen.
      expect((await page.locator('.thread').boundingBox())!.height).toBeGreaterThan(phone.height / 2)
      await reply.fill('')
    } finally {
      await page.setViewportSize(desktop)
    }
  },
  slow,
)

test(
  'read marks are the agent’s own and follow them to a second browser, both ways; a colleague’s stay apart',
  async () => {
    const second = await openSignedIn(browser, server.url)
    const colleague = await openSignedIn(browser, server.url, bea.email, bea.password)
    try {
      await toInbox(admin.page)
      for (const page of [admin.page, second.page, colleague.page]) {
        await localCopyReady(page)
        await expect.poll(() => unreadDots(page, 'Ren Reads'), wait).toBe(1)
      }
      await openTicket(admin.page, 'Ren Reads')
      await toInbox(admin.page)
      await expect.poll(() => unreadDots(admin.page, 'Ren Reads'), wait).toBe(0)
      // The second browser was never on the ticket: the mark came to it.
      await expect.poll(() => unreadDots(second.page, 'Ren Reads'), wait).toBe(0)

      // `u` on the open ticket marks it unread, in the other browser too.
      await openTicket(second.page, 'Ren Reads')
      await second.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await second.page.keyboard.press('u')
      await expect.poll(() => unreadDots(second.page, 'Ren Reads'), wait).toBe(1)
      await expect.poll(() => unreadDots(admin.page, 'Ren Reads'), wait).toBe(1)
      expect(await serverSeenAt('Ren Reads')).toBeNull()

      // Bea never read it: her dot stayed through all of this.
      expect(await unreadDots(colleague.page, 'Ren Reads')).toBe(1)
    } finally {
      await second.context.close()
      await colleague.context.close()
    }
  },
  slow,
)

test(
  'a ticket read while offline is marked read on the server, and in the other browser, once back online',
  async () => {
    const second = await openSignedIn(browser, server.url)
    try {
      await toInbox(admin.page)
      await localCopyReady(second.page)
      await expect.poll(() => unreadDots(second.page, 'Ren Reads'), wait).toBe(1)
      await second.context.setOffline(true)
      await expect.poll(() => second.page.getByText('Offline: showing what is on this device').count(), wait).toBe(1)
      await openTicket(second.page, 'Ren Reads')
      await second.page.goBack()
      await expect.poll(() => unreadDots(second.page, 'Ren Reads'), wait).toBe(0)
      // It waits on this device: the server and the first browser have not heard of it.
      expect(await serverSeenAt('Ren Reads')).toBeNull()
      expect(await unreadDots(admin.page, 'Ren Reads')).toBe(1)

      await second.context.setOffline(false)
      await expect.poll(() => serverSeenAt('Ren Reads'), wait).not.toBeNull()
      await expect.poll(() => unreadDots(admin.page, 'Ren Reads'), wait).toBe(0)
      // The browser that read it offline still shows it read (the server's marks did not undo its own).
      expect(await unreadDots(second.page, 'Ren Reads')).toBe(0)
    } finally {
      await second.context.close()
    }
  },
  slow,
)

test(
  'only its author edits a note; the colleague sees the edit live, marked edited',
  async () => {
    const colleague = await openSignedIn(browser, server.url, bea.email, bea.password)
    try {
      const page = admin.page
      await toInbox(page)
      await openTicket(page, 'Noa Notes')
      await page.getByRole('tab', { name: 'Internal note' }).click()
      await page.getByLabel('Internal note', { exact: true }).fill('Refund approved by finance')
      await page.getByRole('button', { name: 'Add note' }).click()
      const mine = page.getByRole('listitem', { name: /^Internal note by/ })
      await expect.poll(() => mine.count(), wait).toBe(1)

      await expect.poll(() => rowOf(colleague.page, 'Noa Notes').count(), wait).toBe(1)
      await openTicket(colleague.page, 'Noa Notes')
      const theirs = colleague.page.getByRole('listitem', { name: /^Internal note by/ })
      await expect.poll(() => theirs.textContent(), wait).toContain('Refund approved by finance')
      // The author has the edit button; the colleague has none.
      expect(await mine.getByRole('button', { name: 'Edit note' }).count()).toBe(1)
      expect(await theirs.getByRole('button', { name: 'Edit note' }).count()).toBe(0)
      expect(await theirs.getByLabel('Edit note').count()).toBe(0)

      await mine.getByRole('button', { name: 'Edit note' }).click()
      await mine.getByLabel('Edit note').fill('Refund approved by finance: 40 EUR')
      await mine.getByRole('button', { name: 'Save note' }).click()
      await expect
        .poll(() => theirs.locator('.message-body').first().textContent(), wait)
        .toBe('Refund approved by finance: 40 EUR')
      await expect.poll(() => theirs.getByText(/^Edited/).count(), wait).toBe(1)
      // The earlier text is one click away, for the colleague too.
      await theirs.getByText(/^Edited/).click()
      expect(await theirs.locator('.edited .earlier').textContent()).toBe('Refund approved by finance')
    } finally {
      await colleague.context.close()
    }
  },
  slow,
)

test(
  'a bulk change the server refuses for one ticket puts that row back and names it; the others change',
  async () => {
    // Di is the admin's: Bea (an agent) may see it (it is in no team) but not take it.
    const adminId = (await api.get('/api/me')).body.agent.id
    expect((await api.patch(`/api/tickets/${customers['Di Taken']!.id}`, { assigneeId: adminId })).status).toBe(200)
    const colleague = await openSignedIn(browser, server.url, bea.email, bea.password)
    try {
      const page = colleague.page
      const [cy, di] = [customers['Cy Bulk']!, customers['Di Taken']!]
      await localCopyReady(page)
      await expect.poll(() => rowOf(page, 'Di Taken').locator('.row-assignee').textContent(), wait).not.toBe('')
      for (const t of [cy, di]) await page.getByRole('checkbox', { name: `Select ticket #${t.number}` }).check()
      const bar = page.getByRole('toolbar', { name: 'Change the selected tickets' })
      await bar.getByRole('button', { name: 'Assign', exact: true }).click()
      await bar.getByRole('dialog', { name: 'Assign to' }).getByRole('button', { name: 'Me', exact: true }).click()

      const refusal = page.getByRole('alert').filter({ hasText: 'A change was not made' })
      await expect.poll(() => refusal.textContent(), wait).toContain(`#${di.number}`)
      expect(await refusal.textContent()).not.toContain(`#${cy.number}`)
      const ticket = async (id: string) => (await api.get(`/api/tickets/${id}`)).body.ticket
      await expect.poll(async () => (await ticket(cy.id)).assigneeId, wait).toBe(bea.id)
      expect((await ticket(di.id)).assigneeId).not.toBe(bea.id)

      // Read, the notice is dismissed (it lies over the views); Bea's list shows what the server holds:
      // Cy is hers, Di is not.
      await refusal.getByRole('button', { name: 'Dismiss' }).click()
      await expect.poll(() => refusal.count()).toBe(0)
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: /^Mine(, \d+ unread)?$/ })
        .click()
      await expect.poll(() => rowOf(page, 'Cy Bulk').count(), wait).toBe(1)
      await expect.poll(() => rowOf(page, 'Di Taken').count(), wait).toBe(0)
    } finally {
      await colleague.context.close()
    }
  },
  slow,
)

test(
  'a customer profile opened offline says it needs the network, and shows once the connection is back',
  async () => {
    const page = admin.page
    await toInbox(page)
    await localCopyReady(page)
    await admin.context.setOffline(true)
    try {
      await openTicket(page, 'Lu Later')
      const sidebar = page.getByRole('complementary', { name: 'Customer' })
      await expect.poll(() => sidebar.textContent(), wait).toContain('The profile needs the network.')
    } finally {
      await admin.context.setOffline(false)
    }
    const sidebar = page.getByRole('complementary', { name: 'Customer' })
    await expect.poll(() => sidebar.locator('h2').textContent(), wait).toBe('Lu Later')
  },
  slow,
)
