// The daily tools in Chromium, as a new agent would use them, on a desktop and on a 390×844 phone:
// snoozing (until a time, until the customer replies) and the ticket coming back, ticking rows for a bulk
// change with undo, and the keyboard (`?`, j/k, e with undo, r/n, Ctrl+Enter, u), never while typing.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, insideScreen, openSignedIn, openTicket } from '../support/agent-app.ts'
import { signedInAgent } from '../support/agents.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'
import { ticketFromForm } from '../support/ticket-lookup.ts'
import { uniqueEmail } from '../support/unique.ts'

let server: TestServer
let api: ApiClient
let browser: Browser
let admin: AppTab
let channelId: string
let bea: { id: string; email: string }
const customers: Record<string, { id: string; number: number; email: string }> = {}
const wait = { timeout: 90_000 }
/** Under load the browser's local database alone can take 20–40 s to open. */
const slow = 300_000

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer({ TEST_CLOCK: '1' }), launchBrowser()])
  api = await new ApiClient(server.url).login()
  channelId = await createFormChannel(api)
  const colleague = await signedInAgent(api, 'agent', 'Bea Colleague')
  bea = { id: colleague.agent.id, email: colleague.agent.email }
  for (const name of ['Ada Snooze', 'Bo Waiting', 'Cy Bulk', 'Di Bulk', 'Eve Keys', 'Fay Phone']) {
    const email = uniqueEmail()
    const ticket = await ticketFromForm(api, channelId, { name, email, message: `Hello from ${name}` })
    customers[name] = { id: ticket.id, number: ticket.number, email }
  }
  admin = await openSignedIn(browser, server.url)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, slow)

const rowOf = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: name })
const shown = (page: Page, name: string) => rowOf(page, name).count()
const ticketOf = async (name: string) => (await api.get(`/api/tickets/${customers[name]!.id}`)).body.ticket
const view = (page: Page, name: string) =>
  // A view's name may carry its unread count ("All, 3 unread").
  page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: new RegExp(`^${name}(, \\d+ unread)?$`) })
    .click()
/** The device's own copy is open and filled (the header's status says when it was saved): changes and undo read it. */
const localCopyReady = (page: Page) =>
  expect.poll(() => page.locator('[role="status"][title^="Saved on this device"]').count(), wait).toBe(1)

test(
  'a ticket snoozed until tomorrow leaves the inbox, shows under Snoozed, and comes back when due',
  async () => {
    const page = admin.page
    await localCopyReady(page)
    await expect.poll(() => shown(page, 'Ada Snooze'), wait).toBe(1)
    await openTicket(page, 'Ada Snooze')
    await page.getByRole('button', { name: 'Snooze', exact: true }).click()
    await page
      .getByRole('dialog', { name: 'Snooze until' })
      .getByRole('button', { name: /^Tomorrow/ })
      .click()

    await expect.poll(() => shown(page, 'Ada Snooze'), wait).toBe(0)
    await expect.poll(async () => (await ticketOf('Ada Snooze')).snoozedUntil, wait).not.toBeNull()
    await view(page, 'Snoozed')
    await expect.poll(() => shown(page, 'Ada Snooze'), wait).toBe(1)

    // Two days on, the server's scheduler wakes it, and the sync brings it back to the open views.
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString()
    expect((await api.post('/api/test/clock', { now: later })).status).toBe(200)
    await expect.poll(async () => (await ticketOf('Ada Snooze')).snoozedUntil).toBeNull()
    await expect.poll(() => shown(page, 'Ada Snooze'), wait).toBe(0)
    await view(page, 'All')
    await expect.poll(() => shown(page, 'Ada Snooze'), wait).toBe(1)
    // The server's clock back to the browser's, for the snoozes of the next tests.
    expect((await api.post('/api/test/clock', { now: new Date().toISOString() })).status).toBe(200)
  },
  slow,
)

test(
  'a ticket snoozed until the customer replies comes back when they write',
  async () => {
    const page = admin.page
    await view(page, 'All')
    await openTicket(page, 'Bo Waiting')
    await page.getByRole('button', { name: 'Snooze', exact: true }).click()
    await page.getByRole('button', { name: 'Until the customer replies' }).click()
    await expect.poll(() => shown(page, 'Bo Waiting'), wait).toBe(0)
    await expect.poll(async () => (await ticketOf('Bo Waiting')).snoozedUntilCustomerReplies, wait).toBe(true)

    const reply = await submitForm(server.url, channelId, {
      name: 'Bo Waiting',
      email: customers['Bo Waiting']!.email,
      message: 'Any news?',
    })
    expect(reply.status).toBe(201)
    await expect.poll(() => shown(page, 'Bo Waiting'), wait).toBe(1)
  },
  slow,
)

test(
  'ticked rows are assigned, tagged and resolved at once, and an assignment is undone',
  async () => {
    const page = admin.page
    await page.goto(`${server.url}/#/`)
    const [cy, di] = [customers['Cy Bulk']!, customers['Di Bulk']!]
    await expect.poll(() => shown(page, 'Di Bulk'), wait).toBe(1)
    // The rows are read from the device's copy from now on (a source switch draws them anew).
    await localCopyReady(page)
    const bar = page.getByRole('toolbar', { name: 'Change the selected tickets' })
    // Shift-click ticks the range between two rows (Cy and Di are next to each other, newest first).
    await page.getByRole('checkbox', { name: `Select ticket #${di.number}` }).click()
    await expect.poll(() => bar.textContent(), wait).toContain('1 selected')
    const [diBox, cyBox] = [di, cy].map((c) => page.getByRole('checkbox', { name: `Select ticket #${c.number}` }))
    await cyBox!.click({ modifiers: ['Shift'] })
    // The range is every row from Di to Cy as the list showed them at the click (a ticket an earlier test
    // woke may sit between, or move there a moment later): both ends are ticked, and only they go on.
    await expect.poll(() => cyBox!.isChecked(), wait).toBe(true)
    await expect.poll(() => diBox!.isChecked(), wait).toBe(true)
    const ends = [`Select ticket #${di.number}`, `Select ticket #${cy.number}`]
    for (const box of await page.getByRole('checkbox', { name: /^Select ticket #/, checked: true }).all()) {
      if (!ends.includes((await box.getAttribute('aria-label')) ?? '')) await box.click()
    }
    await expect.poll(() => bar.textContent(), wait).toContain('2 selected')

    await bar.getByRole('button', { name: 'Assign', exact: true }).click()
    await bar.getByRole('dialog', { name: 'Assign to' }).getByRole('button', { name: 'Bea Colleague' }).click()
    await expect
      .poll(async () => [(await ticketOf('Cy Bulk')).assigneeId, (await ticketOf('Di Bulk')).assigneeId], wait)
      .toEqual([bea.id, bea.id])
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect
      .poll(async () => [(await ticketOf('Cy Bulk')).assigneeId, (await ticketOf('Di Bulk')).assigneeId], wait)
      .toEqual([null, null])

    for (const t of [cy, di]) await page.getByRole('checkbox', { name: `Select ticket #${t.number}` }).check()
    await bar.getByRole('button', { name: 'Tag', exact: true }).click()
    await bar.getByLabel('Tag name').fill('vip')
    await bar.getByRole('button', { name: 'Add tag' }).click()
    await expect
      .poll(async () => [(await ticketOf('Cy Bulk')).tags, (await ticketOf('Di Bulk')).tags], wait)
      .toEqual([['vip'], ['vip']])

    for (const t of [cy, di]) await page.getByRole('checkbox', { name: `Select ticket #${t.number}` }).check()
    await bar.getByRole('button', { name: 'Resolve', exact: true }).click()
    await expect.poll(() => shown(page, 'Cy Bulk'), wait).toBe(0)
    await expect
      .poll(async () => [(await ticketOf('Cy Bulk')).status, (await ticketOf('Di Bulk')).status], wait)
      .toEqual(['resolved', 'resolved'])
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => shown(page, 'Cy Bulk'), wait).toBe(1)
    await expect.poll(async () => (await ticketOf('Di Bulk')).status, wait).toBe('open')
  },
  slow,
)

test(
  'the keyboard: ? lists the shortcuts, e resolves with undo, x ticks, r/n and Ctrl+Enter, u, never while typing',
  async () => {
    const page = admin.page
    await page.goto(`${server.url}/#/`)
    await expect.poll(() => shown(page, 'Eve Keys'), wait).toBe(1)
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => help.textContent(), wait).toContain('Snooze')
    expect(await help.textContent()).toContain('Mark unread')
    await page.keyboard.press('Escape')
    await expect.poll(() => help.count()).toBe(0)

    // Typing an e in the search box resolves nothing.
    const search = page.getByLabel('Search tickets')
    await search.fill('Eve Keys')
    await expect.poll(() => page.getByRole('list', { name: 'Tickets' }).getByRole('link').count(), wait).toBe(1)
    await search.press('e')
    await search.press('Backspace')
    await search.blur()
    expect((await ticketOf('Eve Keys')).status).toBe('open')

    // j focuses the one row, x ticks it, x again unticks it; e resolves it, Undo puts it back.
    await page.keyboard.press('j')
    await page.keyboard.press('x')
    await expect
      .poll(() => page.getByRole('checkbox', { name: `Select ticket #${customers['Eve Keys']!.number}` }).isChecked())
      .toBe(true)
    await page.keyboard.press('x')
    await expect
      .poll(() => page.getByRole('checkbox', { name: `Select ticket #${customers['Eve Keys']!.number}` }).isChecked())
      .toBe(false)
    await page.keyboard.press('e')
    await expect.poll(() => shown(page, 'Eve Keys'), wait).toBe(0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => shown(page, 'Eve Keys'), wait).toBe(1)
    await expect.poll(async () => (await ticketOf('Eve Keys')).status, wait).toBe('open')

    // In the ticket: n opens the note box, Ctrl+Enter adds the note; r goes back to the reply box.
    await openTicket(page, 'Eve Keys')
    await page.keyboard.press('n')
    const note = page.getByLabel('Internal note', { exact: true })
    await expect.poll(() => note.evaluate((el) => el === document.activeElement), wait).toBe(true)
    await note.pressSequentially('Checked with the warehouse')
    await note.press('Control+Enter')
    await expect
      .poll(async () => (await api.get(`/api/tickets/${customers['Eve Keys']!.id}`)).body.messages.map((m: any) => m.body), wait)
      .toContain('Checked with the warehouse')
    await note.blur()
    await page.keyboard.press('r')
    await expect
      .poll(() => page.getByLabel('Reply', { exact: true }).evaluate((el) => el === document.activeElement), wait)
      .toBe(true)
    // Typing r, e or s in the reply box only types.
    await page.keyboard.type('res')
    expect((await ticketOf('Eve Keys')).status).toBe('open')
    await page.getByLabel('Reply', { exact: true }).fill('')
    await page.getByLabel('Reply', { exact: true }).blur()

    // u marks it unread and goes back to the inbox, where the row shows it.
    await page.keyboard.press('u')
    await expect.poll(() => rowOf(page, 'Eve Keys').getByRole('img', { name: 'Unread' }).count(), wait).toBe(1)
  },
  slow,
)

test(
  'on a 390×844 phone, the bulk bar and snooze are in reach, and a snooze is undone',
  async () => {
    const phone = await openSignedIn(browser, server.url, bea.email, 'agent-password-1')
    try {
      const page = phone.page
      await page.setViewportSize({ width: 390, height: 844 })
      const fay = customers['Fay Phone']!
      await localCopyReady(page)
      await expect.poll(() => shown(page, 'Fay Phone'), wait).toBe(1)
      await page.getByRole('checkbox', { name: `Select ticket #${fay.number}` }).check()
      const bar = page.getByRole('toolbar', { name: 'Change the selected tickets' })
      for (const name of ['Assign', 'Tag', 'Resolve', 'Snooze']) {
        expect(await insideScreen(bar.getByRole('button', { name, exact: true }), page), name).toBe(true)
      }
      await bar.getByRole('button', { name: 'Snooze', exact: true }).click()
      const later = bar.getByRole('button', { name: /^Later today/ })
      expect(await insideScreen(later, page)).toBe(true)
      await later.click()
      await expect.poll(() => shown(page, 'Fay Phone'), wait).toBe(0)
      await expect.poll(async () => (await ticketOf('Fay Phone')).snoozedUntil, wait).not.toBeNull()
      const undo = page.getByRole('button', { name: 'Undo' })
      expect(await insideScreen(undo, page)).toBe(true)
      await undo.click()
      await expect.poll(() => shown(page, 'Fay Phone'), wait).toBe(1)
      await expect.poll(async () => (await ticketOf('Fay Phone')).snoozedUntil, wait).toBeNull()

      // In the ticket, the Snooze button and its menu fit the phone's screen.
      await openTicket(page, 'Fay Phone')
      const snooze = page.getByRole('button', { name: 'Snooze', exact: true })
      expect(await insideScreen(snooze, page)).toBe(true)
      await snooze.click()
      expect(await insideScreen(page.getByRole('button', { name: 'Until the customer replies' }), page)).toBe(true)
    } finally {
      await phone.context.close()
    }
  },
  slow,
)
