// The agent app in a browser for end-to-end tests: a fresh context signed in through the real form.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { adminEmail, adminPassword } from './test-server.ts'

export interface AppTab {
  context: BrowserContext
  page: Page
  /** What the browser's console said about the Content-Security-Policy (refused scripts, styles, connections). */
  cspViolations: string[]
}

/** Collects the console's Content-Security-Policy reports of every page of the context. */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = []
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  return violations
}

export async function openSignedIn(browser: Browser, url: string, email = adminEmail, password = adminPassword): Promise<AppTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const cspViolations = watchCsp(context)
  const page = await context.newPage()
  await page.goto(url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 })
  return { context, page, cspViolations }
}

/** Opens a ticket from the inbox by a text its row shows. */
export async function openTicket(page: Page, rowText: string): Promise<void> {
  const row = page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: rowText }).first()
  // The list may re-sort between finding the row and the click landing (a push, the server's first read):
  // a click that opened a neighbour is done again, as a person would.
  for (let attempt = 1; ; attempt++) {
    const href = await row.getAttribute('href')
    await row.click()
    const opened = await page
      .waitForURL((url) => url.hash === href, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false)
    if (opened) break
    if (attempt === 3) throw new Error(`openTicket: the row "${rowText}" (${href}) did not open; the page is at ${page.url()}`)
  }
  await page.getByLabel('Reply', { exact: true }).waitFor()
}

/** Whether the element lies wholly inside the viewport (nothing cut off, nothing to scroll to). */
export async function insideScreen(locator: Locator, page: Page): Promise<boolean> {
  const box = await locator.boundingBox()
  const size = page.viewportSize()!
  return Boolean(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height)
}
