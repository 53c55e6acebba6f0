// The agent app in a browser for end-to-end tests: a fresh context signed in through the real form.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { adminEmail, adminPassword } from './test-server.ts'

export interface AppTab {
  context: BrowserContext
  page: Page
}

export async function openSignedIn(browser: Browser, url: string, email = adminEmail, password = adminPassword): Promise<AppTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.goto(url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 })
  return { context, page }
}

/** Opens a ticket from the inbox by a text its row shows. */
export async function openTicket(page: Page, rowText: string): Promise<void> {
  await page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: rowText }).first().click()
  await page.getByLabel('Reply', { exact: true }).waitFor()
}
