// The local database runs here, in a worker, so the page never waits for PostgreSQL to boot: its wasm is
// compiled, its files read from IndexedDB and its queries run off the main thread. Tabs of one agent
// share one database: the first tab's worker opens it and the others' queries are forwarded to it (the
// workers elect a leader with a Web Lock, and a new one takes over when its tab closes).
import { PGlite } from '@electric-sql/pglite'
import { worker } from '@electric-sql/pglite/worker'
import { deleteStored } from './device-data.ts'
import { prepareLocalDb, writeMeta } from './local-schema.ts'

/**
 * Where the database is kept: the origin's private file system where the browser lets a worker write it
 * directly (files are read as queries need them, so a start does not load the whole database first),
 * IndexedDB otherwise.
 */
function storedAt(name: string): string {
  const direct = typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype
  return direct ? `opfs-ahp://${name}` : `idb://${name}`
}

async function open(name: string): Promise<PGlite> {
  // relaxedDurability: a write returns before it is flushed; the server holds the truth and the outbox
  // is re-read on start, so a crash loses at most the last moment of cache.
  return prepareLocalDb(await PGlite.create(storedAt(name), { relaxedDurability: true }))
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
    // A tab closed while IndexedDB was being written can leave files half-stored. The database is a
    // cache of the server: one that no longer opens is deleted and built again by the next sync (its
    // unsent writes are lost with it, which the page is told through the `rebuilt` mark).
    // PGlite's own files failing to load (offline, no kept copy) is not damage: the stored copy stays.
    await PGlite.create().then(
      (probe) => probe.close(),
      () => Promise.reject(error),
    )
    console.warn('local database damaged, building it again', error)
    await deleteStored(name)
    const db = await open(name)
    await writeMeta(db, 'rebuilt', new Date().toISOString())
    return db
  }
}
