// The agent app in real Chromium (built first, npm run build) against the real server holding a seeded
// helpdesk: 10,000 tickets and 100,000 messages (BENCH_APP_TICKETS; ten messages a ticket), cached between
// runs (seed-cache.ts). Everything is read from outside: what the page shows (the list named "Tickets",
// its row links, the "Saved" status), the bytes on the wire, the DevTools protocol's network events.
// The app's own performance marks, when present, only add a breakdown (NaN when absent).
//   - new device: a fresh profile per run, from the click on "Sign in" to the first ticket row, and the
//     bytes it received before them and until its local copy was stored;
//   - cold relaunch and warm reload of a filled profile → first rows;
//   - form webhook → its row visible in an open inbox while the other inboxes are open too.
// BENCH_APP_PHASES=device,reload,webhook narrows a run; counts: BENCH_APP_DEVICE_RUNS (5),
// BENCH_APP_COLD_RUNS (3), BENCH_APP_RELOAD_RUNS (10), BENCH_APP_WEBHOOK_RUNS (50), BENCH_APP_INBOXES
// (50 open, the measured one included), BENCH_APP_OPEN_PAGES (how many of the others are real app pages
// rather than live sync streams; 0), BENCH_APP_STREAM_PULL=0 (streams only listen, never pull),
// BENCH_APP_STORED_TIMEOUT_S (900: how long a new device may take to store its copy).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { appMarks, type DeviceRun, type Limits, newDevice, signIn } from './app-device.ts'
import { openOtherInboxes, runWebhooks, type WebhookRuns } from './app-webhook.ts'
import { benchAdmin, startBenchServer } from './bench-server.ts'
import { launchProfile, navigationStart, pageMarks, waitFor, waitForRow, watchNetwork } from './browser-probe.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'
import { percentile } from './latency.ts'
import { processCost } from './process-cost.ts'
import type { Row } from './report-table.ts'
import { seededDatabase } from './seed-cache.ts'
import type { BenchTarget } from './targets.ts'

const count = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${process.env[name]}`)
  return value
}
const tickets = count('BENCH_APP_TICKETS', 10_000)
const messagesPerTicket = 10
const deviceRuns = count('BENCH_APP_DEVICE_RUNS', 5)
const coldRuns = count('BENCH_APP_COLD_RUNS', 3)
const reloadRuns = count('BENCH_APP_RELOAD_RUNS', 10)
const webhookRuns = count('BENCH_APP_WEBHOOK_RUNS', 50)
const inboxes = Math.max(1, count('BENCH_APP_INBOXES', 50))
const openPages = Math.min(inboxes - 1, count('BENCH_APP_OPEN_PAGES', 0))
const streamPull = process.env.BENCH_APP_STREAM_PULL !== '0'
const phases = (process.env.BENCH_APP_PHASES ?? 'device,reload,webhook').split(',').map((s) => s.trim())

/** The issue's aims on a 2-core machine with 10,000 tickets / 100,000 messages. */
const aims = { newDeviceMs: 1_000, newDeviceBytes: 400 * 1024, warmReloadMs: 500, webhookP99Ms: 100 }

const limits: Limits = {
  firstRowsMs: 180_000,
  storedMs: count('BENCH_APP_STORED_TIMEOUT_S', 900) * 1_000,
  // Long: on a busy machine the app can take many seconds to store one page before it asks for the next.
  quietMs: 30_000,
}

const p = (samples: readonly number[], q: number) => percentile(samples, q)
const ms = (value: number) => (Number.isNaN(value) ? 'NaN' : `${value.toFixed(0)} ms`)
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`
/** The machine's 1-minute load average from a phase's start to now: the 2 cores may be shared. */
const loadSince = (start: number) => `load average ${start.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`
const marksText = (list: Record<string, number>[]) =>
  appMarks
    .map(
      (name) =>
        `${name} ${ms(
          p(
            list.map((m) => m[name] ?? Number.NaN).filter((v) => !Number.isNaN(v)),
            50,
          ),
        )}`,
    )
    .join(', ')

type RowMaker = (scenario: string, samples: number[], extra: Partial<Row>) => Row

interface Bench {
  target: BenchTarget
  serverUrl: string
  admin: HttpClient
  channelId: string
  seedNote: string
  log: (line: string) => void
  row: RowMaker
}

export async function benchApp(target: BenchTarget, log: (line: string) => void): Promise<Row[]> {
  log('  building the app')
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'pipe', timeout: 300_000 })
  const seedStarted = performance.now()
  const seeded = await seededDatabase({ ...target, tickets, messages: tickets * messagesPerTicket }, log, { writable: true })
  const seedNote = seeded.fromCache
    ? `server seeded from the cache (${((performance.now() - seedStarted) / 1000).toFixed(0)} s to copy)`
    : `server seeded in ${seeded.meta.seedSeconds.toFixed(0)} s (cached for the next run)`
  log(`  ${seedNote}: ${tickets} tickets, ${tickets * messagesPerTicket} messages`)
  const server = await startBenchServer(seeded.env)
  const admin = createHttpClient(server.url, 4)
  const rows: Row[] = []
  const row: RowMaker = (scenario, samples, extra) => ({
    scenario,
    kind: target.kind,
    p50: p(samples, 50),
    p95: p(samples, 95),
    p99: p(samples, 99),
    ...extra,
  })
  // A phase that fails leaves its row saying so, and the others still run.
  const phase = async (what: string, run: () => Promise<Row[]>) => {
    try {
      rows.push(...(await run()))
    } catch (error) {
      log(`    ${what} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      rows.push({ scenario: `app ${what}`, kind: target.kind, met: false, note: `FAILED: ${String(error).slice(0, 400)}` })
    }
  }
  try {
    await admin.login()
    const bench: Bench = { target, serverUrl: server.url, admin, channelId: await createFormChannel(admin), seedNote, log, row }
    if (phases.includes('device')) await phase('new device', () => newDevices(bench))
    if (phases.includes('reload') || phases.includes('webhook')) await phase('filled profile', () => filledProfile(bench))
  } finally {
    admin.close()
    await server.stop()
    await seeded.release()
  }
  return rows
}

async function newDevices(bench: Bench): Promise<Row[]> {
  const load = loadavg()[0]!
  const runs: DeviceRun[] = []
  for (let run = 0; run < deviceRuns; run++) {
    const done = await newDevice(bench.serverUrl, limits)
    runs.push(done)
    bench.log(
      `    new device ${run + 1}/${deviceRuns}: first rows ${ms(done.rowsAt - done.clickAt)} after ${size(done.bytesBeforeRows)}, ` +
        `stored ${ms(done.storedAt - done.clickAt)} (${done.storedBy}) after ${size(done.bytesUntilStored)}; page-level view ${size(done.pageViewBytes)}`,
    )
  }
  return deviceRows(runs, bench.row, bench.target.kind, `${bench.seedNote}; ${loadSince(load)}`)
}

/** One profile signed in and filled, then relaunched and reloaded, then the inbox the webhooks are measured in. */
async function filledProfile(bench: Bench): Promise<Row[]> {
  const profile = mkdtempSync(join(tmpdir(), 'helpdesk-bench-browser-'))
  let context = await launchProfile(profile)
  const rows: Row[] = []
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const network = await watchNetwork(await context.newCDPSession(page))
    await page.goto(bench.serverUrl, { waitUntil: 'commit' })
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 60_000 })
    const before = processCost(profile)
    const filled = await signIn(page, benchAdmin, limits, () => network.lastDataAt())
    // The stored copy is written behind the queries: closing the browser at once could cut that short.
    await page.waitForTimeout(3_000)
    const after = processCost(profile)
    await network.close()
    const fillNote =
      `filling one browser took ${((filled.storedAt - filled.clickAt) / 1000).toFixed(1)} s, ` +
      `${(after.cpuSeconds - before.cpuSeconds).toFixed(0)} CPU-s; it holds ${size(after.pssBytes)} (PSS, ${after.processes} processes)`
    bench.log(`    ${fillNote}`)

    if (phases.includes('reload')) {
      const relaunch = async () => {
        await context.close()
        context = await launchProfile(profile)
        return context.pages()[0] ?? (await context.newPage())
      }
      rows.push(...(await reloads(bench, relaunch)))
    }
    if (phases.includes('webhook')) rows.push(...(await webhooks(bench, context.pages()[0]!, context, fillNote)))
  } finally {
    await context.close().catch(() => undefined)
    rmSync(profile, { recursive: true, force: true })
  }
  return rows
}

async function reloads(bench: Bench, relaunch: () => Promise<Page>): Promise<Row[]> {
  const load = loadavg()[0]!
  const cold: number[] = []
  const coldMarks: Record<string, number>[] = []
  let page: Page | null = null
  for (let run = 0; run < coldRuns; run++) {
    const fresh = await relaunch()
    page = fresh
    const shown = await firstRowsAfterNavigation(fresh, () => fresh.goto(bench.serverUrl, { waitUntil: 'commit' }))
    cold.push(shown.ms)
    coldMarks.push(shown.marks)
    await settleAfterStart(fresh)
  }
  const open = page ?? (await relaunch())
  if (!page) await open.goto(bench.serverUrl)
  const warm: number[] = []
  const warmMarks: Record<string, number>[] = []
  for (let run = 0; run < reloadRuns; run++) {
    const shown = await firstRowsAfterNavigation(open, () => open.reload({ waitUntil: 'commit' }))
    warm.push(shown.ms)
    warmMarks.push(shown.marks)
    await settleAfterStart(open)
  }
  bench.log(`    cold ${cold.map((v) => v.toFixed(0)).join(', ')} ms; warm ${warm.map((v) => v.toFixed(0)).join(', ')} ms`)
  return [
    bench.row(`app cold relaunch → first rows, ${tickets} tickets local`, cold, {
      note: `${plural(coldRuns, 'relaunch', 'relaunches')} of the filled profile, from navigation start; marks p50: ${marksText(coldMarks)}; ${loadSince(load)}`,
    }),
    bench.row(`app warm reload → first rows, ${tickets} tickets local`, warm, {
      aim: `p95 ≤ ${aims.warmReloadMs} ms`,
      met: p(warm, 95) <= aims.warmReloadMs,
      note: `${plural(reloadRuns, 'reload')}, from navigation start; marks p50: ${marksText(warmMarks)}; ${loadSince(load)}`,
    }),
  ]
}

async function webhooks(bench: Bench, measured: Page, context: BrowserContext, fillNote: string): Promise<Row[]> {
  const load = loadavg()[0]!
  const streams = inboxes - 1 - openPages
  bench.log(`    opening ${streams} live sync streams and ${openPages} app pages beside the measured page`)
  const others = await openOtherInboxes(
    bench.serverUrl,
    bench.admin,
    { streams, pages: openPages, pull: streamPull, limits },
    bench.log,
  )
  try {
    const network = await watchNetwork(await context.newCDPSession(measured))
    await waitForRow(measured, null, 60_000)
    const result = await runWebhooks(bench.serverUrl, bench.channelId, measured, network, others, webhookRuns, bench.log)
    await network.close()
    const pagesCost = others.pagesCost()
    const othersNote =
      `1 Chromium page measured + ${plural(streams, 'live sync stream')} (HTTP clients of GET /api/sync/stream with agents' cookies` +
      `${streamPull ? ', each pulling GET /api/sync on every change that was not pushed, as the app does' : ', listening only'})` +
      (openPages
        ? ` + ${plural(openPages, 'app page')} in one more browser (opened in ${others.pagesOpenSeconds.toFixed(0)} s, ${size(pagesCost?.pssBytes ?? 0)} PSS)`
        : `; streams, not ${inboxes - 1} more app pages: ${fillNote}`) +
      (others.streams.errors.length ? `; stream errors: ${others.streams.errors.slice(0, 3).join('; ')}` : '') +
      `; ${loadSince(load)}`
    return webhookRows(result, streams, othersNote, bench.row)
  } finally {
    await others.close()
  }
}

function deviceRows(runs: DeviceRun[], row: RowMaker, kind: Row['kind'], seedNote: string): Row[] {
  const firstRows = runs.map((r) => r.rowsAt - r.clickAt)
  const stored = runs.map((r) => r.storedAt - r.clickAt)
  const before = runs.map((r) => r.bytesBeforeRows)
  const until = runs.map((r) => r.bytesUntilStored)
  const shell = runs.map((r) => r.shellBytes)
  const pageView = runs.map((r) => r.pageViewBytes)
  const heaviest = runs.reduce((a, b) => (b.bytesBeforeRows > a.bytesBeforeRows ? b : a))
  const biggest = heaviest.biggestBeforeRows.map((b) => `${b.request} ${size(b.bytes)}`).join(', ')
  const told = [...new Set(runs.map((r) => r.storedBy))]
  const toldText = told
    .map((by) =>
      by === 'saved'
        ? 'the "Saved" status'
        : by === 'quiet'
          ? `NO "Saved" status: the wire quiet ${limits.quietMs / 1000} s`
          : `neither a "Saved" status nor a quiet wire in ${limits.storedMs / 1000} s`,
    )
    .join(' / ')
  return [
    row(`app new device: sign-in → first rows, ${tickets} tickets on the server`, firstRows, {
      aim: `p95 ≤ ${aims.newDeviceMs} ms`,
      met: p(firstRows, 95) <= aims.newDeviceMs,
      note: `${plural(runs.length, 'fresh profile')}, from the click; marks p50 after the click: ${marksText(runs.map((r) => r.marks))}; ${seedNote}`,
    }),
    {
      scenario: 'app new device: bytes before first rows',
      kind,
      aim: `≤ ${aims.newDeviceBytes / 1024} KB`,
      met: Math.max(...before) <= aims.newDeviceBytes,
      note: [
        `on the wire from navigation (compressed as sent, headers included): p50 ${size(p(before, 50))}, max ${size(Math.max(...before))}`,
        `of which the sign-in page ${size(p(shell, 50))}`,
        `biggest before the rows in the heaviest run: ${biggest}`,
        `until the local copy was stored p50 ${size(p(until, 50))} (told by ${toldText})`,
        `the page-level DevTools view saw ${size(p(pageView, 50))} of that`,
      ].join('; '),
    },
    row('app new device: sign-in → local copy stored', stored, { note: `told by ${toldText}` }),
  ]
}

function webhookRows(result: WebhookRuns, streams: number, othersNote: string, row: RowMaker): Row[] {
  const nan = (list: number[]) => (list.length ? list : [Number.NaN])
  const rows = [
    row(`app webhook → visible in an open inbox, ${inboxes} open, ${tickets} tickets`, result.visible, {
      aim: `p99 ≤ ${aims.webhookP99Ms} ms`,
      met: p(result.visible, 99) <= aims.webhookP99Ms && result.misses === 0,
      note:
        `${result.visible.length} form posts, one at a time, spaced; ${result.misses ? `${result.misses} NOT shown within 15 s; ` : ''}` +
        `webhook answered p50 ${ms(p(result.answered, 50))}; ${othersNote}`,
    }),
    row('app webhook → first push byte in the open page', nan(result.push), {
      note:
        result.pushKind === 'none'
          ? 'no push message seen by the DevTools protocol'
          : `${result.pushKind === 'sse' ? 'Server-Sent Event' : 'WebSocket frame'} arrival (DevTools network events); ` +
            (result.pulled.length
              ? `the page's pull (GET /api/sync) after it answered at p50 ${ms(p(result.pulled, 50))} / p99 ${ms(p(result.pulled, 99))} after the webhook` +
                ` (${result.pulled.length} of ${result.visible.length} runs pulled); the rest is the page's`
              : "no pull after it: the push carried the change; the rest is the page's"),
    }),
    row(`app webhook → the ${plural(streams, 'other live stream')}`, nan(result.othersEvent), {
      note:
        `first event at every stream client, all runs pooled; ` +
        (result.othersPulled.length
          ? `their pulls done p50 ${ms(p(result.othersPulled, 50))} / p99 ${ms(p(result.othersPulled, 99))}`
          : streamPull
            ? 'no pulls: every change came pushed'
            : 'no pulls (BENCH_APP_STREAM_PULL=0)') +
        `; ${size(p(result.streamBytesPerRun, 50))} to them per webhook (p50)${result.unsettled ? `; ${result.unsettled} runs NOT settled in 5 s` : ''}`,
    }),
  ]
  return streams ? rows : rows.slice(0, 2)
}

/** Navigation → the first ticket row, on the page's clock; then the app's marks. */
async function firstRowsAfterNavigation(page: Page, navigate: () => Promise<unknown>) {
  await navigate()
  const rows = await waitForRow(page, null, limits.firstRowsMs)
  if (rows === null) throw new Error(`no ticket row within ${limits.firstRowsMs / 1000} s of navigating`)
  return { ms: rows - (await navigationStart(page)), marks: await pageMarks(page, appMarks) }
}

/** After a start, the app catches up with the server before the next: the "Saved" status, then a pause. */
async function settleAfterStart(page: Page): Promise<void> {
  await waitFor(page, { what: 'saved' }, 10_000)
  await page.waitForTimeout(500)
}

async function createFormChannel(admin: HttpClient): Promise<string> {
  const created = await admin.send('POST', '/api/channels', { kind: 'form', name: 'Bench form', config: {} })
  if (created.status !== 201) throw new Error(`form channel not created: ${created.status} ${created.body}`)
  return (JSON.parse(created.body) as { channel: { id: string } }).channel.id
}
