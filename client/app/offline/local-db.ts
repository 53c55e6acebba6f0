// The browser's own database: PGlite in IndexedDB, one per signed-in agent, run in a worker. The app reads
// lists and threads from it once it is ready, so it keeps working offline; until then the screens read
// from the server, and nothing on the page waits for it to boot.
import type { PGliteInterface } from '@electric-sql/pglite'
import { PGliteWorker } from '@electric-sql/pglite/worker'
import { deferWorker } from './deferred-worker.ts'
import { localDbName } from './device-data.ts'
import { readMeta, writeMeta } from './local-schema.ts'

export type LocalDb = PGliteInterface & { syncToFs(): Promise<void> }

export interface OpenedLocalDb {
  /** Usable at once: its queries wait in the worker until the database has opened. */
  db: LocalDb
  /** Settles when the database has opened (rejects when it could not). */
  ready: Promise<void>
  /**
   * The stored copy no longer opened and was built anew (writes waiting in it are lost). Read once the
   * database is ready.
   */
  rebuilt(): Promise<boolean>
  /**
   * Creates the worker, which boots PostgreSQL. Until then neither its script nor PGlite's files are
   * fetched: a start draws its first screen before the boot takes the machine's cores and its network.
   */
  start(): void
  /** Closes the database and stops its worker; another tab of the agent takes it over. */
  close(): Promise<void>
}

/** The longest sign-out waits for the worker to close the database. */
const closeWaitMs = 5_000

export function openLocalDb(agentId: string): OpenedLocalDb {
  const deferred = deferWorker(() => new Worker(new URL('./local-db-worker.ts', import.meta.url), { type: 'module' }))
  const worker = deferred.worker
  // The worker decides where the database is kept (see local-db-worker.ts); it is named here.
  const db = new PGliteWorker(worker, { dataDir: localDbName(agentId) })
  const ready = db.waitReady.then(() => {
    performance.mark('local-db-open')
  })
  return {
    db,
    ready,
    start: deferred.create,
    async rebuilt() {
      await ready
      const at = await readMeta(db, 'rebuilt')
      if (at) await writeMeta(db, 'rebuilt', '')
      return Boolean(at)
    },
    async close() {
      // The worker closes the database (its files are let go), then stops; one still opening it after a
      // few seconds is stopped all the same.
      if (deferred.created())
        await new Promise<void>((resolve) => {
          worker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
            if (event.data?.type === 'helpdesk-closed') resolve()
          })
          setTimeout(resolve, closeWaitMs)
          worker.postMessage({ type: 'helpdesk-close' })
        })
      await db.close().catch(() => undefined)
      worker.terminate()
    },
  }
}
