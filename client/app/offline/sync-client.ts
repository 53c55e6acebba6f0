// Keeps the local database current: pulls pages of changed tickets from GET /api/sync with the stored
// cursor (resumable after a reload or an outage), and pulls again on each `change` event of the live
// stream. `revision` ticks after every stored page, so screens re-read the local database.
import { type Accessor, createSignal } from 'solid-js'
import { syncPageSchema } from '../../../shared/schema/sync.ts'
import { api, UnreachableError } from '../net/http.ts'
import { type LocalDb, readMeta } from './local-db.ts'
import { storeRows } from './store-sync-page.ts'

export interface SyncClient {
  /** The server answered lately (the live stream is open or the last request went through). */
  reachable: Accessor<boolean>
  revision: Accessor<number>
  /** When the last pulled changes were written through to IndexedDB (null before the first). */
  savedAt: Accessor<Date | null>
  /** Re-read the local database now (after a local write). */
  touch(): void
  pull(): Promise<void>
  close(): void
}

/** Pages in one pull, at most: a pull never loops without bound. */
const maxPagesPerPull = 200

export function createSyncClient(db: LocalDb, onReachable: () => void): SyncClient {
  const [reachable, setReachable] = createSignal(navigator.onLine)
  const [revision, setRevision] = createSignal(0)
  const [savedAt, setSavedAt] = createSignal<Date | null>(null)
  let pulling: Promise<void> | null = null
  let again = false

  function markReachable(value: boolean): void {
    if (value && !reachable()) onReachable()
    setReachable(value)
  }

  async function pullPages(): Promise<void> {
    let stored = false
    for (let page = 0; page < maxPagesPerPull; page++) {
      const cursor = await readMeta(db, 'sync_cursor')
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
      const result = await api(syncPageSchema, 'GET', `/api/sync${query}`)
      await storeRows(db, result, result.cursor)
      if (result.tickets.length || result.removedTicketIds.length) {
        stored = true
        setRevision((r) => r + 1)
      }
      if (!result.more) break
    }
    // With relaxed durability IndexedDB is written behind the queries. The first pull that stores
    // something waits for the write-through, so a reload right after the first sync still opens with it;
    // later ones leave it to PGlite (each write-through rewrites whole files: doing it twice costs).
    if (stored && !savedAt()) await db.fs?.syncToFs(false)
    if (stored || !savedAt()) setSavedAt(new Date())
  }

  async function pull(): Promise<void> {
    if (pulling) {
      again = true
      return pulling
    }
    pulling = (async () => {
      do {
        again = false
        try {
          await pullPages()
          markReachable(true)
        } catch (error) {
          if (error instanceof UnreachableError) markReachable(false)
          else console.error('sync failed', error)
          return
        }
      } while (again)
    })().finally(() => {
      pulling = null
    })
    return pulling
  }

  const stream = new EventSource('/api/sync/stream')
  stream.addEventListener('change', () => void pull())
  stream.addEventListener('open', () => markReachable(true))
  stream.addEventListener('error', () => markReachable(false))
  const goneOffline = () => markReachable(false)
  const cameOnline = () => void pull()
  window.addEventListener('offline', goneOffline)
  window.addEventListener('online', cameOnline)

  return {
    reachable,
    revision,
    savedAt,
    touch: () => setRevision((r) => r + 1),
    pull,
    close() {
      stream.close()
      window.removeEventListener('offline', goneOffline)
      window.removeEventListener('online', cameOnline)
    },
  }
}
