// Macros in Chromium: three ticked tickets get a macro's tag and status from the bulk bar, with the notice
// of what it did; on a 390×844 phone a macro is made in settings (the server's refusal of a tag not in the
// list shown first) and run from the composer, its saved reply landing in the draft, filled in.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, insideScreen, openSignedIn } from '../support/agent-app.ts'
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
const tickets: Record<string, { id: string; number: number }> = {}
const wait = { timeout: 90_000 }
/** Under load the browser's local database alone can take 20–40 s to open. */
const slow = 300_000

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(api)
  for (const name of ['Ann Refund', 'Ben Refund', 'Cid Refund', 'Dora Phone']) {
    tickets[name] = await ticketFromForm(api, channelId, { name, email: uniqueEmail(), message: `Refund please, ${name}` })
  }
  for (const name of ['refund', 'vip']) expect((await api.post('/api/tags', { name })).status).toBe(201)
  admin = await openSignedIn(browser, server.url)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, slow)

const ticketOf = async (name: string) => (await api.get(`/api/tickets/${tickets[name]!.id}`)).body.ticket

test(
  'a macro run on three ticked tickets sets their tag and status',
  async () => {
    const made = await api.post('/api/macros', {
      name: 'Waiting on refund',
      actions: [
        { type: 'add_tag', tag: 'refund' },
        { type: 'set_status', status: 'pending' },
      ],
    })
    expect(made.status).toBe(201)
    const page = admin.page
    await page.goto(`${server.url}/#/`)
    const names = ['Ann Refund', 'Ben Refund', 'Cid Refund']
    const boxes = names.map((name) => page.getByRole('checkbox', { name: `Select ticket #${tickets[name]!.number}` }))
    for (const box of boxes) {
      await box.waitFor(wait)
      await box.check()
    }
    const bar = page.getByRole('toolbar', { name: 'Change the selected tickets' })
    await expect.poll(() => bar.textContent(), wait).toContain('3 selected')
    await bar.getByRole('button', { name: 'Macros' }).click()
    await bar.getByRole('dialog', { name: 'Macros' }).getByRole('button', { name: 'Waiting on refund' }).click()

    await expect
      .poll(
        async () => Promise.all(names.map(async (name) => (await ticketOf(name)) as { tags: string[]; status: string })),
        wait,
      )
      .toEqual(names.map(() => expect.objectContaining({ tags: ['refund'], status: 'pending' })))
    await expect
      .poll(() => page.locator('.macro-notice').textContent(), wait)
      .toContain('Macro “Waiting on refund” ran on 3 tickets.')
    expect((await ticketOf('Dora Phone')).tags).toEqual([])
  },
  slow,
)

test(
  'on a phone a macro is made in settings, refused first for a tag not in the list, and run from the composer',
  async () => {
    const reply = await api.post('/api/saved-replies', {
      title: 'Refund on its way',
      body: 'Hi {{contact.first_name}}, your refund is on its way.',
      scope: 'workspace',
    })
    expect(reply.status).toBe(201)
    const phone = await openSignedIn(browser, server.url)
    try {
      const page = phone.page
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(`${server.url}/#/settings/macros`)
      const form = page.getByRole('form', { name: 'Make a macro' })
      await form.waitFor(wait)
      await form.getByLabel('Name').fill('VIP refund')
      await form.getByLabel('Saved reply').selectOption({ label: 'Refund on its way' })
      await form.getByLabel('Change 1 value').fill('no-such-tag')
      await form.getByRole('button', { name: 'Make macro' }).click()
      await expect.poll(() => form.getByRole('status').textContent(), wait).toContain('“no-such-tag” is not in the tag list')

      await form.getByLabel('Change 1 value').fill('vip')
      await form.getByRole('button', { name: 'Make macro' }).click()
      await page.getByRole('listitem', { name: 'Macro VIP refund' }).waitFor(wait)
      const widest = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(widest).toBeLessThanOrEqual(390)

      await page.goto(`${server.url}/#/tickets/${tickets['Dora Phone']!.id}`)
      const composer = page.getByRole('region', { name: 'Composer' })
      await composer.getByLabel('Reply', { exact: true }).waitFor(wait)
      await composer.getByRole('button', { name: 'Macros' }).click()
      const menu = composer.getByRole('dialog', { name: 'Macros' })
      const choice = menu.getByRole('button', { name: 'VIP refund' })
      await choice.waitFor(wait)
      expect(await insideScreen(choice, page)).toBe(true)
      await choice.click()

      await expect
        .poll(() => composer.getByLabel('Reply', { exact: true }).inputValue(), wait)
        .toBe('Hi Dora, your refund is on its way.')
      await expect.poll(async () => (await ticketOf('Dora Phone')).tags, wait).toEqual(['vip'])
      await expect.poll(() => composer.locator('.macro-notice').textContent(), wait).toContain('ran on 1 ticket')
      // Nothing was sent: the reply waits in the draft.
      const thread = (await api.get(`/api/tickets/${tickets['Dora Phone']!.id}`)).body.messages as { body: string }[]
      expect(thread.some((m) => m.body.includes('refund is on its way'))).toBe(false)
    } finally {
      await phone.context.close()
    }
  },
  slow,
)
