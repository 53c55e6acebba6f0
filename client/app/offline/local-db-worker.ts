// The local database runs here, in a worker, so the page never waits for PostgreSQL to boot: its wasm is
// compiled, its files read from IndexedDB and its queries run off the main thread. Tabs of one agent
// share one database: the first tab's worker opens it and the others' queries are forwarded to it (the
// workers elect a leader with a Web Lock, and a new one takes over when its tab closes).
import { IdbFs, PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { OpfsAhpFS } from '@electric-sql/pglite/opfs-ahp'
import { worker } from '@electric-sql/pglite/worker'
import { deleteStored } from './device-data.ts'
import { prepareLocalDb, writeMeta } from './local-schema.ts'

/**
 * Where the database is kept: the origin's private file system where the browser lets a worker write it
 * directly (files are read as queries need them, so a start does not load the whole database first),
 * IndexedDB otherwise.
 */
function storedAt(name: string): NonNullable<PGliteOptions['fs']> {
  const direct = typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype
  // Imported with the worker, not by PGlite on demand: a connection lost while the database opens must
  // not leave it without its file system code.
  return direct ? new OpfsAhpFS(name) : new IdbFs(name)
}

async function open(name: string): Promise<PGlite> {
  // relaxedDurability: a write returns before it is flushed; the server holds the truth and the outbox
  // is re-read on start, so a crash loses at most the last moment of cache.
  return prepareLocalDb(await createPGlite({ fs: storedAt(name), relaxedDurability: true }))
}

/** Rejects the PGlite being created: one of its downloads failed. */
let downloadFailed: ((error: unknown) => void) | null = null

/**
 * PGlite starts downloading its files (wasm, data) together and leaves a failed download unawaited: with
 * the connection gone it waits for ever, and the failures are reported as unhandled. A failed download
 * therefore fails the creation here (the caller waits for the connection and tries again), once.
 */
const isDownloadFailure = (error: unknown): boolean => error instanceof TypeError && /fetch/i.test(error.message)

addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  if (!isDownloadFailure(event.reason)) return
  event.preventDefault()
  downloadFailed?.(event.reason)
})

function createPGlite(options?: PGliteOptions): Promise<PGlite> {
  return new Promise<PGlite>((resolve, reject) => {
    downloadFailed = reject
    PGlite.create(options).then(resolve, reject)
  }).finally(() => {
    downloadFailed = null
  })
}

/** Tells the page which files this worker loaded (its script, PGlite's wasm and data) to keep for offline starts. */
function announceFiles(): void {
  // Those that did not pass through the service worker (it keeps what it served).
  const loaded = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (entry) => entry.workerStart === 0,
  )
  const files = [self.location.href, ...loaded.map((entry) => entry.name)]
  new BroadcastChannel('helpdesk-assets').postMessage(files)
}

/** The database this worker opened (or is opening), to close before the page deletes it. */
let opened: Promise<PGlite> | null = null

// PGliteWorker's close only terminates the worker, leaving the database's files held a moment longer; at
// sign-out the page asks for a real close first, so deleting them right after succeeds.
addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
  if (event.data?.type !== 'helpdesk-close') return
  void (opened ?? Promise.reject())
    .then((db) => db.close())
    .catch(() => undefined)
    .then(() => postMessage({ type: 'helpdesk-closed' }))
})

void worker({
  init(options) {
    opened = openOrRebuild(options.dataDir ?? '')
    return opened
  },
})

async function openOrRebuild(name: string): Promise<PGlite> {
  try {
    const db = await open(name)
    announceFiles()
    return db
  } catch (error) {
    // PGlite's own files failing to load (the connection went before they were kept) is not damage: the
    // stored copy stays, and opening is tried again once the connection is back.
    if (isDownloadFailure(error) || !(await pgliteLoads())) {
      await connectionBack()
      return openOrRebuild(name)
    }
    // A tab closed while IndexedDB was being written can leave files half-stored. The database is a
    // cache of the server: one that no longer opens is deleted and built again by the next sync (its
    // unsent writes are lost with it, which the page is told through the `rebuilt` mark).
    console.warn('local database damaged, building it again', error)
    await deleteStored(name)
    const db = await open(name)
    await writeMeta(db, 'rebuilt', new Date().toISOString())
    return db
  }
}

/** Whether an empty in-memory PGlite starts: its wasm and data files can be loaded. */
function pgliteLoads(): Promise<boolean> {
  return createPGlite().then(
    (probe) => probe.close().then(() => true),
    () => false,
  )
}

/** Resolves when the browser says it is online again, or after a while (not every browser tells a worker). */
function connectionBack(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 5_000)
    addEventListener('online', () => resolve(), { once: true })
  })
}
