// `npm run screenshots`: the pictures in README, taken from the real app. Starts a helpdesk on a fresh
// embedded database, loads the sample conversations, signs in in Chromium and photographs the inbox with
// a ticket open (1440×900), the same ticket on a phone (390×844) and the supervisor screen. Needs the built
// app (npm run build).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { readConfig } from '../../server/config.ts'
import { createServer } from '../../server/create-server.ts'
import { createLogger } from '../../server/log.ts'
import { launchBrowser } from '../support/browser.ts'

const email = 'admin@example.com'
const password = 'admin-password-1'
const out = join(import.meta.dirname, '../../docs/screenshots')

async function signIn(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 })
  const page = await context.newPage()
  await page.goto(url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('list', { name: 'Tickets' }).getByRole('link').first().waitFor({ timeout: 120_000 })
  return page
}

async function openTicket(page: Page, customer: string): Promise<void> {
  await page.getByRole('list', { name: 'Tickets' }).getByRole('link').filter({ hasText: customer }).first().click()
  await page.getByLabel('Reply', { exact: true }).waitFor({ timeout: 60_000 })
  await page.waitForTimeout(1500) // the thread's and the sidebar's own requests
}

const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-screenshots-'))
const server = await createServer(
  readConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', SMTP_PORT: '0', ADMIN_EMAIL: email, ADMIN_PASSWORD: password }),
  { log: createLogger('warn') },
)
const { url } = await server.listen()
const browser = await launchBrowser()
try {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  })
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
  const loaded = await fetch(`${url}/api/sample-data`, { method: 'POST', headers: { cookie, origin: url } })
  if (!loaded.ok) throw new Error(`loading the sample data: ${loaded.status} ${await loaded.text()}`)

  const desktop = await signIn(browser, url, { width: 1440, height: 900 })
  await openTicket(desktop, 'Sheena Nelson')
  await desktop.screenshot({ path: join(out, 'inbox.png') })
  await desktop.getByRole('link', { name: 'Supervisor' }).click()
  await desktop.waitForTimeout(1500)
  await desktop.screenshot({ path: join(out, 'supervisor.png') })

  const phone = await signIn(browser, url, { width: 390, height: 844 })
  await openTicket(phone, 'Sheena Nelson')
  await phone.screenshot({ path: join(out, 'phone-ticket.png') })
  process.stdout.write(`screenshots written to ${out}\n`)
} finally {
  await browser.close()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
}
