// The agent app in Chromium (npm run build first): the inbox's cold and warm start with 10,000 tickets
// and 100,000 messages in the browser's local database, and a form webhook's time until its ticket is
// visible in that open inbox. Cold: a relaunched browser on the same profile (nothing in memory, the
// app from the service worker, the database from IndexedDB); warm: a reload in the running browser.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { syntheticSyncPages } from './app-synthetic-sync.ts'
import { benchAdmin, startBenchServer } from './bench-server.ts'
import { freshDatabase } from './fresh-database.ts'
import { percentile } from './latency.ts'
import type { Row } from './report-table.ts'
import type { BenchTarget } from './targets.ts'

const tickets = Number(process.env.BENCH_APP_TICKETS ?? 10_000)
const messagesPerTicket = 10
const coldRuns = 3
const warmRuns = 5
const webhookRuns = 20

function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1280, height: 800 },
  })
}

/** From navigation to the inbox showing its rows, read from the local database. */
async function inboxShown(page: Page, url: string, reload: boolean): Promise<number> {
  const started = performance.now()
  if (reload) await page.reload()
  else await page.goto(url)
  try {
    await page.getByText(`${tickets} tickets`).waitFor({ timeout: 120_000 })
    await page.getByRole('list', { name: 'Tickets' }).getByRole('link').first().waitFor()
  } catch (error) {
    throw new Error(`${error}\nThe page showed: ${((await page.locator('body').textContent()) ?? '').slice(0, 2000)}`)
  }
  return performance.now() - started
}

/** The page's own marks: when its local database had opened, and when the first rows showed. */
function marks(page: Page): Promise<{ dbOpen: number; rows: number }> {
  return page.evaluate(() => ({
    dbOpen: performance.getEntriesByName('local-db-open')[0]?.startTime ?? Number.NaN,
    rows: performance.getEntriesByName('inbox-rows')[0]?.startTime ?? Number.NaN,
  }))
}

export async function benchApp(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  log('building the app')
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'pipe', timeout: 180_000 })
  const database = await freshDatabase(target.kind, 'app')
  const server = await startBenchServer(database.env)
  const profile = mkdtempSync(join(tmpdir(), 'helpdesk-bench-browser-'))
  const rows: Row[] = []
  let context = await launch(profile)
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const channelId = await createFormChannel(server.url)
    // Seed: the first pulls of the sync stream answer with synthetic pages, then the real server takes over.
    const pages = syntheticSyncPages(tickets, messagesPerTicket, 500, channelId)
    let served = 0
    await page.route('**/api/sync?*', (route) => route.fulfill({ json: pages[Math.min(served++, pages.length - 1)] }))
    await page.route('**/api/sync', (route) => route.fulfill({ json: pages[Math.min(served++, pages.length - 1)] }))
    await page.goto(server.url)
    await page.getByLabel('Email').fill(benchAdmin.email)
    await page.getByLabel('Password').fill(benchAdmin.password)
    const seedStarted = performance.now()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText(`${tickets} tickets`).waitFor({ timeout: 600_000 })
    await page
      .getByRole('status')
      .filter({ hasText: 'Online' })
      .and(page.locator('[title^="Saved"]'))
      .waitFor({ timeout: 600_000 })
    const seedMs = performance.now() - seedStarted
    log(`local database seeded with ${tickets} tickets in ${(seedMs / 1000).toFixed(1)} s`)
    await page.unrouteAll()
    // PGlite writes IndexedDB behind the queries; closing the browser in the middle would cut that short.
    await page.waitForTimeout(3_000)

    const cold: number[] = []
    const coldMarks: { dbOpen: number; rows: number }[] = []
    for (let run = 0; run < coldRuns; run++) {
      await context.close()
      context = await launch(profile)
      const fresh = context.pages()[0] ?? (await context.newPage())
      cold.push(await inboxShown(fresh, server.url, false))
      coldMarks.push(await marks(fresh))
    }
    const warm: number[] = []
    const warmMarks: { dbOpen: number; rows: number }[] = []
    const open = context.pages()[0]!
    for (let run = 0; run < warmRuns; run++) {
      warm.push(await inboxShown(open, server.url, true))
      warmMarks.push(await marks(open))
    }
    const split = (list: { dbOpen: number; rows: number }[]) =>
      `database open at ${percentile(
        list.map((m) => m.dbOpen),
        50,
      ).toFixed(0)} ms, rows at ${percentile(
        list.map((m) => m.rows),
        50,
      ).toFixed(0)} ms (p50, page clock)`

    // A customer writes through the web form; the open inbox shows the ticket without a reload.
    const visible: number[] = []
    for (let run = 0; run < webhookRuns; run++) {
      const name = `Webhook Visitor ${run}`
      const started = performance.now()
      const posted = await fetch(`${server.url}/webhooks/form/${channelId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, email: `visitor${run}@example.com`, message: `Bench message ${run}` }),
      })
      if (!posted.ok) throw new Error(`form webhook answered ${posted.status}`)
      await open.getByRole('list', { name: 'Tickets' }).getByText(name, { exact: true }).waitFor({ timeout: 15_000 })
      visible.push(performance.now() - started)
    }

    const row = (scenario: string, samples: number[], note: string): Row => ({
      scenario,
      kind: target.kind,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      note,
    })
    rows.push(
      row(
        `app inbox cold start, ${tickets} tickets local`,
        cold,
        `${coldRuns} relaunches; ${split(coldMarks)}; seeding took ${(seedMs / 1000).toFixed(0)} s`,
      ),
    )
    rows.push(row(`app inbox warm reload, ${tickets} tickets local`, warm, `${warmRuns} reloads; ${split(warmMarks)}`))
    rows.push(row('app webhook → row visible', visible, `${webhookRuns} form posts, inbox of ${tickets} open`))
  } finally {
    await context.close().catch(() => undefined)
    rmSync(profile, { recursive: true, force: true })
    await server.stop()
    await database.remove()
  }
  return rows
}

async function createFormChannel(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(benchAdmin),
  })
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
  const created = await fetch(`${url}/api/channels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ kind: 'form', name: 'Bench form', config: {} }),
  })
  if (!created.ok) throw new Error(`form channel not created: ${created.status}`)
  return ((await created.json()) as { channel: { id: string } }).channel.id
}
