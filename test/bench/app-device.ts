// A device signing in to the agent app: the sign-in form, a click on "Sign in", the first ticket row, then
// the local copy of the inbox stored. A new device is a fresh Chromium profile behind a fresh wire meter,
// so every byte it received is counted.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { benchAdmin } from './bench-server.ts'
import { armClickClock, launchProfile, pageClockOffset, pageMarks, waitFor, waitForRow, watchNetwork } from './browser-probe.ts'
import { startWireMeter } from './wire-meter.ts'

/** Marks the app may set (ms after navigation start), read for a breakdown only; NaN when absent. */
export const appMarks = ['document', 'app-start', 'signed-in', 'local-db-open', 'inbox-rows'] as const

export interface SignIn {
  /** On this process's clock (performance.now()): the click on "Sign in", the first row, the stored copy. */
  clickAt: number
  rowsAt: number
  storedAt: number
  /** How the end of the first sync was told: the "Saved" status, quiet on the wire, or neither in time. */
  storedBy: 'saved' | 'quiet' | 'timeout'
  /** The app's marks, ms after the click. */
  marks: Record<string, number>
}

export interface DeviceRun extends SignIn {
  /** Bytes to the browser from navigation: until the sign-in form, the first rows, the stored copy. */
  shellBytes: number
  bytesBeforeRows: number
  bytesUntilStored: number
  /** What the page's own requests received by the page-level DevTools view (a service worker's fetches show 0). */
  pageViewBytes: number
  /** The biggest answers before the first rows. */
  biggestBeforeRows: { request: string; bytes: number }[]
}

export interface Limits {
  firstRowsMs: number
  storedMs: number
  /** Without a "Saved" status, the wire quiet this long after the first rows ends the first sync. */
  quietMs: number
}

/** Page epoch time → this process's performance.now(), given the page clock's offset. */
const toHere = (pageEpoch: number, offset: number) => pageEpoch - offset - performance.timeOrigin

/** Signs in on a page that shows the sign-in form; `lastByteAt` (performance.now()) tells quiet on the wire. */
export async function signIn(
  page: Page,
  credentials: { email: string; password: string },
  limits: Limits,
  lastByteAt: () => number,
): Promise<SignIn> {
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  const offset = await pageClockOffset(page)
  const navigationStart = await page.evaluate(() => performance.timeOrigin)
  const readClick = await armClickClock(page)
  const clickedHere = performance.now()
  await page.getByRole('button', { name: 'Sign in' }).click()
  // A sign-in that loads another document loses the page's record of the click: this process's time then.
  const pageClick = await readClick().catch(() => null)
  const clickAt = pageClick === null ? clickedHere : toHere(pageClick, offset)
  const rows = await waitForRow(page, null, limits.firstRowsMs)
  if (rows === null) {
    const shown = (
      (await page
        .locator('body')
        .textContent()
        .catch(() => '')) ?? ''
    ).slice(0, 1500)
    throw new Error(`no ticket row within ${limits.firstRowsMs / 1000} s of signing in; the page showed: ${shown}`)
  }
  const rowsOffset = await pageClockOffset(page)
  const rowsAt = toHere(rows, rowsOffset)
  const marks = await pageMarks(page, appMarks)
  const clickInPage = clickAt + performance.timeOrigin + offset - navigationStart
  const stored = await waitForStored(page, limits, rowsAt, lastByteAt)
  return {
    clickAt,
    rowsAt,
    storedAt: stored.at,
    storedBy: stored.by,
    marks: Object.fromEntries(Object.entries(marks).map(([name, at]) => [name, at - clickInPage])),
  }
}

/**
 * The first sync is over when the app says its local copy is saved; should that status go, once the wire
 * has been quiet a while after the first rows. Times on this process's performance.now() clock.
 */
async function waitForStored(
  page: Page,
  limits: Limits,
  rowsAt: number,
  lastByteAt: () => number,
): Promise<{ at: number; by: SignIn['storedBy'] }> {
  const deadline = performance.now() + limits.storedMs
  while (performance.now() < deadline) {
    const saved = await waitFor(page, { what: 'saved' }, 1_000)
    if (saved !== null) return { at: toHere(saved, await pageClockOffset(page)), by: 'saved' }
    const last = Math.max(lastByteAt(), rowsAt)
    if (performance.now() - last > limits.quietMs) return { at: last, by: 'quiet' }
  }
  return { at: performance.now(), by: 'timeout' }
}

/** One new device: a fresh profile, through a fresh wire meter. */
export async function newDevice(serverUrl: string, limits: Limits): Promise<DeviceRun> {
  const profile = mkdtempSync(join(tmpdir(), 'helpdesk-bench-device-'))
  const wire = await startWireMeter(serverUrl)
  let context: BrowserContext | null = null
  try {
    context = await launchProfile(profile)
    const page = context.pages()[0] ?? (await context.newPage())
    const network = await watchNetwork(await context.newCDPSession(page))
    await page.goto(wire.url, { waitUntil: 'commit' })
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 60_000 })
    const shellBytes = wire.received()
    const result = await signIn(page, benchAdmin, limits, () => wire.lastAt())
    return {
      ...result,
      shellBytes,
      bytesBeforeRows: wire.received(result.rowsAt),
      bytesUntilStored: wire.received(result.storedAt),
      pageViewBytes: network.pageBytes(),
      biggestBeforeRows: wire.byRequest(result.rowsAt).slice(0, 3),
    }
  } finally {
    await context?.close().catch(() => undefined)
    await wire.close()
    rmSync(profile, { recursive: true, force: true })
  }
}
