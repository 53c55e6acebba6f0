// Watching the agent app from outside, in Chromium: what the page shows (the list named "Tickets" and its
// row links), read every animation frame in the page itself, with the page's clock, so a time is the frame
// it showed rather than Playwright's next poll (its waits poll every 500 ms once they have waited a while).
// Times are epoch milliseconds with fractions (timeOrigin + now); the page's clock is related to this
// process's by a round trip, and the DevTools protocol's monotonic timestamps to this process's hrtime.
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { chromium } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']

export function launchProfile(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  })
}

/** This process's clock as epoch milliseconds with fractions. */
export const nodeEpoch = () => performance.timeOrigin + performance.now()

export type Watched = { what: 'row'; text: string | null } | { what: 'saved' }

/**
 * Runs in the page, every animation frame until `timeoutMs`: the epoch time of the first frame in which
 * a visible link of the list named "Tickets" shows (one whose text holds `text` when given), or a status
 * element whose title starts "Saved" (the local copy is stored); null on timeout. A list's name is read as
 * an accessible name is: aria-label, else the text of its aria-labelledby elements. No named inner
 * functions: the page gets this function's source without the helpers tsx adds around them.
 */
async function watchInPage(arg: Watched & { timeoutMs: number }): Promise<number | null> {
  const deadline = performance.now() + arg.timeoutMs
  while (performance.now() < deadline) {
    if (arg.what === 'saved') {
      if (document.querySelector('[role="status"][title^="Saved"]')) return performance.timeOrigin + performance.now()
    } else {
      for (const list of Array.from(document.querySelectorAll('[role="list"], ul:not([role]), ol:not([role])'))) {
        const by = list.getAttribute('aria-labelledby')
        const name =
          list.getAttribute('aria-label') ??
          (by
            ? by
                .split(/\s+/)
                .map((id) => document.getElementById(id)?.textContent ?? '')
                .join(' ')
            : '')
        if (name.trim() !== 'Tickets') continue
        for (const link of Array.from(list.querySelectorAll('a[href], [role="link"]'))) {
          if (arg.text !== null && !link.textContent?.includes(arg.text)) continue
          const box = link.getBoundingClientRect()
          if (box.width > 0 && box.height > 0 && getComputedStyle(link).visibility !== 'hidden') {
            return performance.timeOrigin + performance.now()
          }
        }
      }
    }
    // The next frame; a timer too, should frames stop (a hidden page).
    await new Promise((resolve) => {
      requestAnimationFrame(resolve)
      setTimeout(resolve, 100)
    })
  }
  return null
}

/**
 * Starts watching and resolves once the watch runs in the page (a second evaluation is answered after the
 * first one started), so a change made afterwards cannot slip by unwatched. `seen` is the epoch time.
 */
export async function startWatch(page: Page, watched: Watched, timeoutMs: number): Promise<{ seen: Promise<number | null> }> {
  const seen = page.evaluate(watchInPage, { ...watched, timeoutMs })
  await page.evaluate(() => 0)
  return { seen }
}

/** Waits for what is watched across navigations of the page (a sign-in may load a new document). */
export async function waitFor(page: Page, watched: Watched, timeoutMs: number): Promise<number | null> {
  const deadline = performance.now() + timeoutMs
  for (let attempt = 0; attempt < 100; attempt++) {
    const left = deadline - performance.now()
    if (left <= 0) return null
    try {
      return await page.evaluate(watchInPage, { ...watched, timeoutMs: left })
    } catch (error) {
      if (!/context|navigat/i.test(String(error))) throw error
      await page.waitForTimeout(20)
    }
  }
  return null
}

/** The first ticket row (or the row holding `text`) as watched, checked against Playwright's role query. */
export async function waitForRow(page: Page, text: string | null, timeoutMs: number): Promise<number | null> {
  const at = await waitFor(page, { what: 'row', text }, timeoutMs)
  if (at !== null) await confirmRow(page, text)
  return at
}

export async function confirmRow(page: Page, text: string | null): Promise<void> {
  const links = page.getByRole('list', { name: 'Tickets' }).getByRole('link')
  const row = text === null ? links.first() : links.filter({ hasText: text }).first()
  await row.waitFor({ timeout: 5_000 }).catch(() => {
    throw new Error(
      `the page showed a row that Playwright does not find in the list named "Tickets" by its role (${text ?? 'first'})`,
    )
  })
}

/** Page epoch minus this process's epoch, from the quickest of a few round trips. */
export async function pageClockOffset(page: Page): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 }
  for (let i = 0; i < 3; i++) {
    const before = nodeEpoch()
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = nodeEpoch()
    if (after - before < best.rtt) best = { rtt: after - before, offset: inPage - (before + after) / 2 }
  }
  return best.offset
}

/** The epoch time of the page's next click (installed before clicking, read after). */
export async function armClickClock(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { benchClickAt?: number }
    w.benchClickAt = undefined
    window.addEventListener(
      'click',
      () => {
        w.benchClickAt = performance.timeOrigin + performance.now()
      },
      { capture: true, once: true },
    )
  })
  return async () => {
    const at = await page.evaluate(() => (window as unknown as { benchClickAt?: number }).benchClickAt ?? null).catch(() => null)
    if (at === null) throw new Error('the click was not seen by the page')
    return at
  }
}

/** The page's navigation start (epoch): where a reload or a relaunch begins on the page's clock. */
export function navigationStart(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin)
}

/** Optional marks the app may set for a breakdown (ms after navigation start); NaN when absent. */
export function pageMarks(page: Page, names: readonly string[]): Promise<Record<string, number>> {
  return page
    .evaluate(
      (list) =>
        Object.fromEntries(
          list.map((n) => [
            n,
            // `document`: the page's HTML fully received (from the service worker on a reload).
            n === 'document'
              ? ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseEnd ??
                Number.NaN)
              : (performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN),
          ]),
        ),
      [...names],
    )
    .catch(() => Object.fromEntries(names.map((n) => [n, Number.NaN])))
}

export interface NetworkLog {
  /** Push messages (Server-Sent Events other than heartbeats; WebSocket frames apart) as epoch times. */
  sse: number[]
  websocket: number[]
  /** Requests the page made (fetch, XHR, EventSource), sent and finished as epoch times. */
  requests: { url: string; sent: number; finished: number | null }[]
  /** Bytes the page's own requests received, by the page-level DevTools view. */
  pageBytes(): number
  /** When the page last received a chunk of 1 KB or more (this process's performance.now()), or 0. */
  lastDataAt(): number
  close(): Promise<void>
}

/**
 * Records the page's network events. DevTools timestamps are monotonic seconds; on Linux Chromium and
 * Node read the same clock, which is checked: the smallest (arrival here − timestamp) must be a small
 * positive delay, otherwise that smallest difference is taken as the offset.
 */
export async function watchNetwork(cdp: CDPSession): Promise<NetworkLog> {
  const hrToEpoch = nodeEpoch() - Number(process.hrtime.bigint()) / 1e6
  let minDelta = Number.POSITIVE_INFINITY
  const toEpoch = (timestamp: number) => {
    const delta = Number(process.hrtime.bigint()) / 1e6 - timestamp * 1000
    minDelta = Math.min(minDelta, delta)
    const offset = minDelta >= -5 && minDelta < 1_000 ? 0 : minDelta
    return timestamp * 1000 + offset + hrToEpoch
  }
  const log: NetworkLog = {
    sse: [],
    websocket: [],
    requests: [],
    pageBytes: () => bytes,
    lastDataAt: () => lastDataAt,
    close: () => cdp.detach().catch(() => undefined),
  }
  let bytes = 0
  let lastDataAt = 0
  cdp.on('Network.dataReceived', (e) => {
    if (e.dataLength >= 1024) lastDataAt = performance.now()
  })
  const byId = new Map<string, NetworkLog['requests'][number]>()
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!['Fetch', 'XHR', 'EventSource'].includes(e.type ?? '')) return
    const entry = { url: e.request.url, sent: toEpoch(e.timestamp), finished: null }
    byId.set(e.requestId, entry)
    log.requests.push(entry)
  })
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength
    const entry = byId.get(e.requestId)
    if (entry) entry.finished = toEpoch(e.timestamp)
    byId.delete(e.requestId)
  })
  cdp.on('Network.eventSourceMessageReceived', (e) => {
    if (e.eventName !== 'heartbeat') log.sse.push(toEpoch(e.timestamp))
  })
  cdp.on('Network.webSocketFrameReceived', (e) => {
    log.websocket.push(toEpoch(e.timestamp))
  })
  await cdp.send('Network.enable')
  return log
}
