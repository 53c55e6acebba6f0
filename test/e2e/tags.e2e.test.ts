// The tag list in Chromium: an admin on a 390×844 phone recolours and renames a tag in settings, and a
// colleague's open inbox shows the row's tag under its new name and colour without a reload; a rename onto
// another tag's name shows the server's refusal; the ticket's tag field offers the workspace's tags as
// the agent types.
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
let colleague: AppTab
const tickets: Record<string, string> = {}
const wait = { timeout: 90_000 }
/** Under load the browser's local database alone can take 20–40 s to open. */
const slow = 300_000
const phone = { width: 390, height: 844 }

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(api)
  for (const [name, tags] of [
    ['Tom Tagged', ['shipping']],
    ['Uma Untagged', []],
  ] as const) {
    const ticket = await ticketFromForm(api, channelId, { name, email: uniqueEmail(), message: `Hello from ${name}` })
    expect((await api.patch(`/api/tickets/${ticket.id}`, { tags })).status).toBe(200)
    tickets[name] = ticket.id
  }
  expect((await api.post('/api/tags', { name: 'billing', color: 'green' })).status).toBe(201)
  const bea = await signedInAgent(api, 'agent', 'Bea Colleague')
  ;[admin, colleague] = await Promise.all([
    openSignedIn(browser, server.url),
    openSignedIn(browser, server.url, bea.agent.email, 'agent-password-1'),
  ])
  await admin.page.setViewportSize(phone)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const rowOf = (page: Page, text: string) =>
  page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: text }).first()
/** The row's tag chips as the agent sees them: name, background and text colour. */
const chipsOf = (page: Page, text: string) =>
  rowOf(page, text)
    .locator('.tag')
    .evaluateAll((chips) =>
      chips.map((chip) => {
        const style = getComputedStyle(chip)
        return { name: chip.textContent, background: style.backgroundColor, color: style.color }
      }),
    )
const tagsOnServer = async (name: string): Promise<string[]> => (await api.get(`/api/tickets/${tickets[name]}`)).body.ticket.tags

test(
  'an admin renames and recolours a tag on a phone; an open inbox shows it on the row without a reload',
  async () => {
    const inbox = colleague.page
    await expect.poll(() => chipsOf(inbox, 'Tom Tagged'), wait).toEqual([expect.objectContaining({ name: 'shipping' })])
    // Marks the page: a reload would lose it.
    await inbox.evaluate(() => Object.assign(window, { notReloaded: true }))

    const page = admin.page
    await page.goto(`${server.url}/#/settings/tags`)
    const item = page.getByRole('listitem', { name: 'Tag shipping' })
    await item.waitFor(wait)
    await expect.poll(() => item.textContent()).toContain('1 ticket')
    await item.getByRole('button', { name: 'Edit' }).click()
    const form = page.getByRole('form', { name: 'Edit tag shipping' })
    await form.getByRole('button', { name: 'purple' }).click()
    await form.getByLabel('Name').fill('delivery')
    await form.getByLabel('Description').fill('Where is my parcel')
    const save = form.getByRole('button', { name: 'Save' })
    await save.scrollIntoViewIfNeeded()
    expect(await insideScreen(save, page)).toBe(true)
    await save.click()

    const renamed = page.getByRole('listitem', { name: 'Tag delivery' })
    await renamed.waitFor(wait)
    expect(await renamed.textContent()).toContain('Where is my parcel')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
    expect(await tagsOnServer('Tom Tagged')).toEqual(['delivery'])

    // The colleague's inbox: the new name, on the palette's purple, dark text on it.
    await expect
      .poll(() => chipsOf(inbox, 'Tom Tagged'), wait)
      .toEqual([{ name: 'delivery', background: 'rgb(226, 212, 247)', color: 'rgb(0, 0, 0)' }])
    expect(await inbox.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true)

    // A dark custom colour gets white text.
    await renamed.getByRole('button', { name: 'Edit' }).click()
    await page.getByRole('form', { name: 'Edit tag delivery' }).getByLabel('Hex colour').fill('#1a237e')
    await page.getByRole('form', { name: 'Edit tag delivery' }).getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(() => chipsOf(inbox, 'Tom Tagged'), wait)
      .toEqual([{ name: 'delivery', background: 'rgb(26, 35, 126)', color: 'rgb(255, 255, 255)' }])
  },
  slow,
)

test(
  'renaming onto another tag shows the server’s answer: merge instead',
  async () => {
    const page = admin.page
    await page.goto(`${server.url}/#/settings/tags`)
    const item = page.getByRole('listitem', { name: 'Tag billing' })
    await item.waitFor(wait)
    await item.getByRole('button', { name: 'Edit' }).click()
    const form = page.getByRole('form', { name: 'Edit tag billing' })
    await form.getByLabel('Name').fill('DELIVERY')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => item.getByRole('status').textContent(), wait).toMatch(/exists already: merge/)
  },
  slow,
)

test(
  'the ticket’s tag field offers an existing tag as the agent types, and adds it',
  async () => {
    const page = colleague.page
    await page.goto(`${server.url}/#/`)
    // A change is written to the device's copy first: it goes to the server once that copy is open.
    await expect.poll(() => page.locator('[role="status"][title^="Saved on this device"]').count(), wait).toBe(1)
    await openTicket(page, 'Uma Untagged')
    const field = page.getByRole('combobox', { name: 'Add a tag' })
    await field.click()
    await field.pressSequentially('bil')
    const option = page.getByRole('listbox', { name: 'Tags' }).getByRole('option').filter({ hasText: 'billing' })
    await option.waitFor(wait)
    await field.press('Enter')
    await expect.poll(() => tagsOnServer('Uma Untagged'), wait).toEqual(['billing'])
    // Shown in its colour in the ticket.
    const chip = page.getByRole('group', { name: 'Tags' }).locator('.tag').filter({ hasText: 'billing' })
    await expect.poll(() => chip.evaluate((el) => getComputedStyle(el).backgroundColor), wait).toBe('rgb(205, 236, 207)')
  },
  slow,
)
