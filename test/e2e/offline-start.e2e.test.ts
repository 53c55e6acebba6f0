// The app starts with the server gone: the service worker serves the page and its files, and the inbox
// lists and searches tickets from the browser's own database.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openSignedIn, openTicket } from '../support/agent-app.ts'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('the inbox opens from the local database with the server stopped', async () => {
  const admin = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(admin)
  for (const name of ['Olu Adeyemi', 'Mira Kovač']) {
    const sent = await submitForm(server.url, channelId, {
      name,
      email: `${name.split(' ')[0]}@example.com`,
      message: `Hello from ${name}`,
    })
    expect(sent.status).toBeLessThan(300)
  }
  const { page } = await openSignedIn(browser, server.url)
  const logs: string[] = []
  page.on('console', (m) => logs.push(`${m.type()} ${m.text()}`))
  page.on('pageerror', (e) => logs.push(`pageerror ${e.message}`))
  const rows = page.getByRole('list', { name: 'Tickets' }).getByRole('link')
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2)
  // The service worker keeps the page and every file it loaded, PGlite's among them.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const kept = await (await caches.open('helpdesk-shell-v1')).keys()
          const urls = kept.map((request) => request.url).join(' ')
          return ['.wasm', '.data', '.css', '.js'].every((end) => urls.includes(end))
        }),
      { timeout: 20_000 },
    )
    .toBe(true)

  // The local database has been written through to IndexedDB once the header says so.
  await expect
    // The local database fills in the background (the list is read from the server meanwhile).
    .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).getAttribute('title'), { timeout: 90_000 })
    .toContain('Saved')
  await server.stop()
  await page.reload()
  await expect
    .poll(() => rows.count(), { timeout: 20_000 })
    .toBe(2)
    .catch(async (error) => {
      throw new Error(`${error}\nThe page showed: ${await page.locator('body').textContent()}\n${logs.join('\n')}`)
    })
  await expect.poll(() => page.getByText('Offline', { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  await page.getByLabel('Search tickets').fill('Mira')
  // Searched in the local database, which opens in its worker after the first screen is shown.
  await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1)
  await openTicket(page, 'Mira Kovač')
  await expect.poll(() => page.getByText('Hello from Mira Kovač').count(), { timeout: 10_000 }).toBeGreaterThan(0)
}, 240_000)
