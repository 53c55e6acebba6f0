// Local-first never makes the agent wait: the sign-in page carries no database code, a new device shows
// the inbox from the server before its local database has opened and changes over to it without the list
// ever emptying, and a reload shows the first screen before the database opens.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ApiClient } from '../support/api-client.ts'
import { launchBrowser } from '../support/browser.ts'
import { createFormChannel, submitForm } from '../support/form-channel.ts'
import { adminEmail, adminPassword, startTestServer, type TestServer } from '../support/test-server.ts'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  const admin = await new ApiClient(server.url).login()
  const channelId = await createFormChannel(admin)
  for (const name of ['Ana Lima', 'Kofi Mensah', 'Yuki Sato']) {
    await submitForm(server.url, channelId, { name, email: `${name.split(' ')[0]}@example.com`, message: `Hello from ${name}` })
  }
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The page's own marks: when the first rows showed and when the local database had opened (-1: not yet). */
const marks = (page: import('playwright-core').Page) =>
  page.evaluate(() => ({
    rows: performance.getEntriesByName('inbox-rows')[0]?.startTime ?? -1,
    dbOpen: performance.getEntriesByName('local-db-open')[0]?.startTime ?? -1,
  }))

test('a new device shows the inbox from the server first, then from its own database, never empty between', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    const requested: string[] = []
    page.on('request', (request) => requested.push(new URL(request.url()).pathname))
    await page.goto(server.url)
    await page.getByLabel('Email').waitFor()
    await page.waitForLoadState('networkidle')
    // The sign-in page: no PGlite, no worker, no wasm.
    expect(requested.filter((path) => /pglite|local-db-worker|\.wasm|\.data/.test(path))).toEqual([])

    // Counts the rows on every change of the list from the first row on: the change of source must not empty it.
    await page.evaluate(() => {
      const state = { min: Number.POSITIVE_INFINITY, seen: false }
      ;(window as unknown as { rowWatch: typeof state }).rowWatch = state
      new MutationObserver(() => {
        const count = document.querySelectorAll('[aria-label="Tickets"] a').length
        if (count > 0) state.seen = true
        if (state.seen) state.min = Math.min(state.min, count)
      }).observe(document.body, { childList: true, subtree: true })
    })
    await page.getByLabel('Email').fill(adminEmail)
    await page.getByLabel('Password').fill(adminPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const rows = page.getByRole('list', { name: 'Tickets' }).getByRole('link')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3)
    // The rows came from the server while the local database was still opening.
    const first = await marks(page)
    expect(first.rows).toBeGreaterThan(0)
    expect(first.dbOpen === -1 || first.dbOpen > first.rows).toBe(true)

    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).getAttribute('title'), { timeout: 90_000 })
      .toContain('Saved')
    expect((await marks(page)).dbOpen).toBeGreaterThan(first.rows)
    await expect.poll(() => rows.count()).toBe(3)
    expect(await page.evaluate(() => (window as unknown as { rowWatch: { min: number } }).rowWatch.min)).toBe(3)

    // A reload shows the first screen before the database has opened again.
    await page.reload()
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3)
    const again = await marks(page)
    expect(again.dbOpen === -1 || again.dbOpen > again.rows).toBe(true)
    await expect(rows.filter({ hasText: 'Yuki Sato' }).count()).resolves.toBe(1)
  } finally {
    await context.close()
  }
}, 180_000)
