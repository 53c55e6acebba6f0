// The local database runs here, in a worker, so the page never waits for PostgreSQL to boot: its wasm is
// compiled, its files read from IndexedDB and its queries run off the main thread. Tabs of one agent
// share one database: the first tab's worker opens it and the others' queries are forwarded to it (the
// workers elect a leader with a Web Lock, and a new one takes over when its tab closes).
import { PGlite } from '@electric-sql/pglite'
import { worker } from '@electric-sql/pglite/worker'
import { prepareLocalDb, writeMeta } from './local-schema.ts'

async function open(dataDir: string | undefined): Promise<PGlite> {
  // relaxedDurability: a write returns before IndexedDB has flushed; the server holds the truth and the
  // outbox is re-read on start, so a crash loses at most the last moment of cache.
  return prepareLocalDb(await PGlite.create(dataDir, { relaxedDurability: true }))
}

/** Tells the page which files this worker loaded (its script, PGlite's wasm and data) to keep for offline starts. */
function announceFiles(): void {
  const files = [self.location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)]
  new BroadcastChannel('helpdesk-assets').postMessage(files)
}

void worker({
  async init(options) {
    try {
      const db = await open(options.dataDir)
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
      const name = options.dataDir?.replace(/^idb:\/\//, '') ?? ''
      const stored = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => name && n.endsWith(name))
      await Promise.all(stored.map(deleteDatabase))
      const db = await open(options.dataDir)
      await writeMeta(db, 'rebuilt', new Date().toISOString())
      return db
    }
  },
})

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}
