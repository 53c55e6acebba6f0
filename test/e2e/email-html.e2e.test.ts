// A mail written in HTML only, in the app as an agent sees it: the sanitised HTML in a sandboxed frame
// that runs no script, its remote image not requested until the agent clicks "Show images", and the
// plain text (derived from the HTML) one click away; on a phone-sized screen too.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type AppTab, openSignedIn, openTicket } from '../support/agent-app.ts'
import { launchBrowser } from '../support/browser.ts'
import { createEmailChannel, type EmailSetup, startEmailServer } from '../support/email-server.ts'

let setup: EmailSetup
let browser: Browser
let admin: AppTab
/** Requests the page made for the tracking image: answered here, so nothing leaves the machine. */
let trackerRequests = 0

beforeAll(async () => {
  ;[setup, browser] = await Promise.all([startEmailServer(), launchBrowser()])
  await createEmailChannel(setup.api, { address: 'support@acme.example' })
  const raw = readFileSync(new URL('../fixtures/email/html-only-related.eml', import.meta.url))
  expect((await setup.sendRaw({ from: 'billing@shop.example', to: ['support@acme.example'] }, raw)).response).toMatch(/^250 /)
  admin = await openSignedIn(browser, setup.server.url)
  await admin.context.route('https://tracker.example/**', (route) => {
    trackerRequests++
    return route.fulfill({ status: 200, contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') })
  })
})
afterAll(async () => {
  await browser?.close()
  await setup?.server.stop()
})

const mailFrame = (page: Page) => page.locator('iframe.email-frame')

test('HTML mail shows in a sandboxed frame; remote images wait for the agent; the text is one click away', async () => {
  const { page } = admin
  await openTicket(page, 'Billing Robot')
  const frame = mailFrame(page)
  await frame.waitFor()
  const sandbox = await frame.getAttribute('sandbox')
  expect(sandbox).not.toContain('allow-scripts')
  const inside = page.frameLocator('iframe.email-frame')
  await expect.poll(() => inside.locator('b').textContent()).toBe('lark2210')
  const tracker = inside.locator('img[data-remote-src^="https://tracker.example/"]')
  expect(await tracker.getAttribute('src')).toBeNull()
  expect(trackerRequests).toBe(0)

  await page.getByRole('button', { name: 'Show images' }).click()
  await expect
    .poll(() => inside.locator('img[data-remote-src^="https://tracker.example/"]').getAttribute('src'))
    .toBe('https://tracker.example/o.gif?u=9')
  await expect.poll(() => trackerRequests).toBeGreaterThan(0)

  await page.getByRole('button', { name: 'Text', exact: true }).click()
  expect(await mailFrame(page).count()).toBe(0)
  await expect.poll(() => page.locator('.message-body').filter({ hasText: 'your invoice lark2210 is attached' }).count()).toBe(1)
  await page.getByRole('button', { name: 'Formatted' }).click()
  await mailFrame(page).waitFor()
})

test('on a 390x844 screen the frame and its buttons fit the width', async () => {
  const { page } = admin
  await page.setViewportSize({ width: 390, height: 844 })
  // Reloaded on the ticket's own address, a phone shows the ticket (the inbox list is one step back).
  await page.reload()
  const frame = mailFrame(page)
  await frame.waitFor()
  // The frame is sized to its content once it has loaded.
  await expect.poll(() => frame.boundingBox()).not.toBeNull()
  const box = await frame.boundingBox()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(390)
  const button = await page.getByRole('button', { name: 'Show images' }).boundingBox()
  expect(button!.x + button!.width).toBeLessThanOrEqual(390)
})
