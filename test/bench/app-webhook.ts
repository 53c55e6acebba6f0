// A customer writes through the web form while agents have their inboxes open: the time from the form
// webhook until the new ticket's row shows in one measured Chromium page, with the other inboxes open
// beside it: agents' live sync streams (inbox-streams.ts) and, when asked, real app pages in one more
// browser. Runs are spaced: the next post waits until every other inbox has had the change and pulled it.
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type Limits, signIn } from './app-device.ts'
import { chromiumArgs, chromiumPath, type NetworkLog, pageClockOffset, startWatch, waitFor } from './browser-probe.ts'
import type { HttpClient } from './http-client.ts'
import { type InboxStreams, openInboxStreams } from './inbox-streams.ts'
import { type ProcessCost, processCost } from './process-cost.ts'

const agentPassword = 'bench-password-1'
const visibleTimeoutMs = 15_000
const settleTimeoutMs = 5_000

export interface OtherInboxes {
  streams: InboxStreams
  pages: Page[]
  /** What the pages' browser costs (Linux /proc), null without pages. */
  pagesCost(): ProcessCost | null
  /** How long opening the pages took, s. */
  pagesOpenSeconds: number
  close(): Promise<void>
}

interface AgentLogin {
  email: string
  cookie: string
}

/** Agents made through the REST API by the admin and signed in, each with its session cookie. */
async function makeAgents(serverUrl: string, admin: HttpClient, count: number): Promise<AgentLogin[]> {
  const agents: AgentLogin[] = []
  for (let i = 0; i < count; i++) {
    const email = `bench-agent-${i}@example.com`
    const made = await admin.send('POST', '/api/agents', {
      email,
      name: `Bench Agent ${i}`,
      role: 'agent',
      password: agentPassword,
    })
    if (made.status !== 201) throw new Error(`agent not created: ${made.status} ${made.body}`)
    const login = await fetch(`${serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: agentPassword }),
    })
    const cookie = login.headers.get('set-cookie')?.split(';')[0]
    if (!login.ok || !cookie) throw new Error(`agent ${email} could not sign in: ${login.status}`)
    agents.push({ email, cookie })
  }
  return agents
}

/**
 * Where a stream client starts: the cursor a full pull ends with (the cursor is opaque: it is only handed
 * back). Each client starting from nothing would make the server send the whole inbox once per client.
 */
async function currentCursor(serverUrl: string, cookie: string): Promise<string | null> {
  let cursor: string | null = null
  for (let page = 0; page < 1_000; page++) {
    const query = `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const response = await fetch(`${serverUrl}/api/sync${query}`, { headers: { cookie } })
    if (!response.ok) throw new Error(`GET /api/sync answered ${response.status}`)
    const body = (await response.json()) as { cursor?: string; more?: boolean }
    cursor = body.cursor ?? cursor
    if (!body.more) break
  }
  return cursor
}

const newestProfiles = () => new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('playwright_chromiumdev_profile-')))

export async function openOtherInboxes(
  serverUrl: string,
  admin: HttpClient,
  options: { streams: number; pages: number; pull: boolean; limits: Limits },
  log: (line: string) => void,
): Promise<OtherInboxes> {
  const agents = await makeAgents(serverUrl, admin, options.streams + options.pages)
  log(`    ${agents.length} agents signed in`)
  const streamAgents = agents.slice(0, options.streams)
  const cursor = streamAgents.length ? await currentCursor(serverUrl, streamAgents[0]!.cookie) : null
  const streams = await openInboxStreams(
    serverUrl,
    streamAgents.map((a) => a.cookie),
    cursor,
    { pull: options.pull },
  )
  // The first event of each stream comes at once (pull what changed while away): let those settle.
  await settle(streams, 0, 30_000)

  let browser: Browser | null = null
  let profileDir: string | null = null
  const pages: Page[] = []
  const started = performance.now()
  if (options.pages > 0) {
    const before = newestProfiles()
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    // Playwright gives the browser a temporary profile: its name finds the browser's processes.
    const made = [...newestProfiles()].find((d) => !before.has(d))
    profileDir = made ? join(tmpdir(), made) : null
    for (const agent of agents.slice(options.streams)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.goto(serverUrl, { waitUntil: 'commit' })
      await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 60_000 })
      const done = await signIn(page, { email: agent.email, password: agentPassword }, options.limits, () => performance.now())
      log(`    app page ${pages.length + 1}/${options.pages} open, first rows ${(done.rowsAt - done.clickAt).toFixed(0)} ms`)
      pages.push(page)
    }
  }
  const pagesOpenSeconds = (performance.now() - started) / 1000
  return {
    streams,
    pages,
    pagesCost: () => (profileDir ? processCost(profileDir) : null),
    pagesOpenSeconds,
    async close() {
      streams.close()
      await browser?.close().catch(() => undefined)
    },
  }
}

/** Until every stream had an event since `since` (performance.now()) and no pull is running, or the timeout. */
async function settle(streams: InboxStreams, since: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (streams.firstEventsAfter(since).length >= streams.count && streams.pullsInFlight() === 0) return true
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return false
}

export interface WebhookRuns {
  /** Webhook posted → its row visible in the measured page, ms (a miss counts as the timeout). */
  visible: number[]
  misses: number
  /** Webhook → its answer (201). */
  answered: number[]
  /** Webhook → the measured page's first push message after it (SSE event; else WebSocket frame). */
  push: number[]
  pushKind: 'sse' | 'websocket' | 'none'
  /** Webhook → the first API response the measured page finished after that push (its pull). */
  pulled: number[]
  /** Webhook → each other inbox's event, and its pull finished (all inboxes of all runs together). */
  othersEvent: number[]
  othersPulled: number[]
  /** Runs after which the other inboxes had not all settled within 5 s. */
  unsettled: number
  /** Bytes the stream clients received per run (p50). */
  streamBytesPerRun: number[]
}

export async function runWebhooks(
  serverUrl: string,
  channelId: string,
  page: Page,
  network: NetworkLog,
  others: OtherInboxes,
  runs: number,
  log: (line: string) => void,
): Promise<WebhookRuns> {
  const result: WebhookRuns = {
    visible: [],
    misses: 0,
    answered: [],
    push: [],
    pushKind: 'none',
    pulled: [],
    othersEvent: [],
    othersPulled: [],
    unsettled: 0,
    streamBytesPerRun: [],
  }
  const tag = Math.random().toString(36).slice(2, 8)
  for (let run = 0; run < runs; run++) {
    const name = `Webhook visitor ${tag} ${run}`
    const offset = await pageClockOffset(page)
    const { seen } = await startWatch(page, { what: 'row', text: name }, visibleTimeoutMs)
    const bytesBefore = others.streams.bytes()
    const postedAt = performance.now()
    const posted = await fetch(`${serverUrl}/webhooks/form/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The name in the message too: a row shows one or the other.
      body: JSON.stringify({ name, email: `visitor-${tag}-${run}@example.com`, message: `${name} asks about an order` }),
    })
    result.answered.push(performance.now() - postedAt)
    if (!posted.ok) throw new Error(`form webhook answered ${posted.status}: ${await posted.text()}`)
    const at = await seen
    if (at === null) {
      result.misses++
      result.visible.push(visibleTimeoutMs)
    } else {
      result.visible.push(at - offset - performance.timeOrigin - postedAt)
    }

    let settled = await settle(others.streams, postedAt, settleTimeoutMs)
    for (const other of others.pages)
      settled = (await waitFor(other, { what: 'row', text: name }, settleTimeoutMs)) !== null && settled
    if (!settled) result.unsettled++

    // Read after the settling: the protocol's network events may reach this process after the page's answer.
    const postedEpoch = postedAt + performance.timeOrigin
    const sse = network.sse.find((t) => t >= postedEpoch)
    const frame = network.websocket.find((t) => t >= postedEpoch)
    const push = sse ?? frame
    let pulled: number | undefined
    if (push !== undefined) {
      result.pushKind = sse !== undefined ? 'sse' : 'websocket'
      result.push.push(push - postedEpoch)
      // The page's first pull (GET /api/sync) after the push, once it finished; none when the push carried the change.
      const next = network.requests.find((r) => r.sent >= push && new URL(r.url).pathname === '/api/sync')
      if (next?.finished != null) {
        pulled = next.finished - postedEpoch
        result.pulled.push(pulled)
      }
    }
    const shown = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(0))
    log(
      `    webhook ${run + 1}/${runs}: answered ${shown(result.answered.at(-1))}, push ${shown(push === undefined ? undefined : push - postedEpoch)}, ` +
        `pulled ${shown(pulled)}, visible ${shown(result.visible.at(-1))} ms`,
    )
    for (const t of others.streams.firstEventsAfter(postedAt)) result.othersEvent.push(t - postedAt)
    for (const t of others.streams.firstPullsAfter(postedAt)) result.othersPulled.push(t - postedAt)
    result.streamBytesPerRun.push(others.streams.bytes() - bytesBefore)
    // Apart, and off the server's change-check rhythm, so runs neither overlap nor fall in step with it.
    await page.waitForTimeout(250 + Math.random() * 250)
  }
  return result
}
