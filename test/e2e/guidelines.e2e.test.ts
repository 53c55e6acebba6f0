// The reply guidelines in Chromium on a 390×844 phone: an admin writes the workspace's and a channel's in
// settings, and the ticket's composer shows them folded, the channel's first, opening on a tap.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
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
let channelId: string
const wait = { timeout: 90_000 }
/** Under load the browser's local database alone can take 20–40 s to open. */
const slow = 300_000

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = await new ApiClient(server.url).login()
  channelId = await createFormChannel(api, 'Website form')
  await ticketFromForm(api, channelId, { name: 'Gil Guided', email: uniqueEmail(), message: 'Can I return this?' })
  admin = await openSignedIn(browser, server.url)
  await admin.page.setViewportSize({ width: 390, height: 844 })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test(
  'guidelines written in settings show beside the reply box, the channel’s first',
  async () => {
    const page = admin.page
    await page.goto(`${server.url}/#/settings/guidelines`)
    const form = page.getByRole('form', { name: 'Reply guidelines' })
    await form.getByLabel('Every channel').fill('Be warm and brief.')
    await form.getByLabel('Website form (form)').fill('Mention the 30-day return window.')
    await form.getByRole('button', { name: 'Save guidelines' }).click()
    await expect.poll(() => form.getByRole('status').textContent(), wait).toBe('Guidelines saved')
    expect((await api.get('/api/guidelines')).body).toEqual({
      workspace: 'Be warm and brief.',
      channels: { [channelId]: 'Mention the 30-day return window.' },
    })

    await page.goto(`${server.url}/#/`)
    await openTicket(page, 'Gil Guided')
    const composer = page.getByRole('region', { name: 'Composer' })
    const summary = composer.getByText('Guidelines', { exact: true })
    await summary.waitFor(wait)
    // Folded until asked for: the reply box keeps the room.
    expect(await composer.getByText('Be warm and brief.').isVisible()).toBe(false)
    await summary.click()
    const shown = await composer.locator('.reply-guidelines section').allTextContents()
    expect(shown).toEqual(['Website formMention the 30-day return window.', 'Every channelBe warm and brief.'])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  },
  slow,
)
