// Keeps the local database current: hands the rows the live stream pushes (`tickets` events) to the
// screens and stores them the moment they arrive, and pulls pages of changed tickets from GET /api/sync with the stored cursor (resumable
// after a reload or an outage) when the stream says a change was not pushed. Every stored change is announced with the
// ids it touched, so a list updates those rows instead of reading everything again.
import { type Accessor, createSignal } from 'solid-js'
import { syncPageSchema, syncStreamEventSchema, syncTicketsEventSchema } from '../../../shared/schema/sync.ts'
import { api, UnreachableError } from '../net/http.ts'
import type { LocalDb } from './local-db.ts'
import { readMeta } from './local-schema.ts'
import { type LocalRows, storeRows } from './store-sync-page.ts'

/** Ticket ids whose rows changed, or `all` after a change too wide to list. */
export type ChangedTickets = readonly string[] | 'all'

export interface SyncClient {
  /** The server answered lately (the live stream is open or the last request went through). */
  reachable: Accessor<boolean>
  /** The local database is open and holds a whole copy (from before, or after its first full pull). */
  localReady: Accessor<boolean>
  /** Ticks after every stored change: screens that show one ticket re-read it. */
  revision: Accessor<number>
  /** When the last pulled changes were written through to IndexedDB (null before the first). */
  savedAt: Accessor<Date | null>
  /** Calls `listener` after every stored change (and every change pushed before the local copy is ready). */
  onChange(listener: (changed: ChangedTickets) => void): () => void
  /**
   * Calls `listener` with the rows of each push the moment it arrives, before they are stored (while the
   * local copy is ready); `onChange` follows once they are.
   */
  onPushed(listener: (rows: LocalRows) => void): () => void
  /** Announces a local write (all tickets when no ids are given). */
  touch(ticketIds?: readonly string[]): void
  /** Calls `listener` when the agent's read marks changed on another browser (and when the stream opens). */
  onReads(listener: () => void): () => void
  /** Calls `listener` when the workspace's tag list changed (a colour, a name). */
  onTags(listener: () => void): () => void
  pull(): Promise<void>
  close(): void
}

/** Pages in one pull, at most: a pull never loops without bound. */
const maxPagesPerPull = 200
/** The longest a page of the sync may take (a page of 500 tickets with their messages, on a slow link). */
const pageTimeoutMs = 60_000

export function createSyncClient(db: LocalDb, dbReady: Promise<void>, onReachable: () => void): SyncClient {
  const [reachable, setReachable] = createSignal(navigator.onLine)
  const [localReady, setLocalReady] = createSignal(false)
  const [revision, setRevision] = createSignal(0)
  const [savedAt, setSavedAt] = createSignal<Date | null>(null)
  const listeners = new Set<(changed: ChangedTickets) => void>()
  const pushListeners = new Set<(rows: LocalRows) => void>()
  const readsListeners = new Set<() => void>()
  const tagsListeners = new Set<() => void>()
  let opened = false
  // After close (sign-out) the database goes away under running work: its failures are no one's concern.
  let closed = false
  let pulling: Promise<void> | null = null
  let again = false

  function announce(changed: ChangedTickets): void {
    if (changed !== 'all' && changed.length === 0) return
    setRevision((r) => r + 1)
    for (const listener of listeners) listener(changed)
  }
  const idsOf = (rows: LocalRows): string[] => [...rows.tickets.map((t) => t.id), ...(rows.removedTicketIds ?? [])]

  // A device that synced before opens from its copy at once; a new one waits for its first full pull.
  void dbReady
    .then(async () => {
      opened = true
      if (await readMeta(db, 'sync_cursor')) setLocalReady(true)
    })
    .catch((error) => {
      if (!closed) console.error('the local database could not be opened', error)
    })

  function markReachable(value: boolean): void {
    if (value && !reachable()) onReachable()
    setReachable(value)
  }

  async function pullPages(): Promise<void> {
    let stored = false
    for (let page = 0; page < maxPagesPerPull; page++) {
      const cursor = await readMeta(db, 'sync_cursor')
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
      // A request caught by a network change can hang without an answer; a pull never waits on it for long.
      const result = await api(syncPageSchema, 'GET', `/api/sync${query}`, undefined, AbortSignal.timeout(pageTimeoutMs))
      await storeRows(db, result, result.cursor)
      if (result.tickets.length || result.removedTicketIds.length) {
        stored = true
        if (localReady()) announce(idsOf(result))
      }
      if (!result.more) break
    }
    if (!localReady()) {
      setLocalReady(true)
      announce('all')
    }
    // With relaxed durability IndexedDB is written behind the queries. The first pull that stores
    // something waits for the write-through, so a reload right after the first sync still opens with it;
    // later ones leave it to PGlite (each write-through rewrites whole files: doing it twice costs).
    if (stored && !savedAt()) await db.syncToFs()
    if (stored || !savedAt()) setSavedAt(new Date())
  }

  async function pull(): Promise<void> {
    if (closed) return
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
          if (closed) return
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

  async function stored(rows: LocalRows): Promise<void> {
    if (!opened) {
      // Not stored: the pull that follows the database's opening brings them. The screens reading from
      // the server still hear of them.
      announce(idsOf(rows))
      return
    }
    try {
      await storeRows(db, rows)
      announce(idsOf(rows))
    } catch (error) {
      if (closed) return
      console.error('a pushed change could not be stored', error)
      void pull()
    }
  }

  function openStream(): EventSource {
    const stream = new EventSource('/api/sync/stream')
    stream.addEventListener('change', (event) => {
      const parsed = syncStreamEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data))
      // Screens still reading from the server read again.
      if (!localReady()) announce('all')
      // A change the `tickets` event before it carried needs no pull (before the database has opened, the
      // pull that follows its opening brings it).
      if (!parsed.success || !parsed.data.pushed) void pull()
    })
    stream.addEventListener('tickets', (event) => {
      const parsed = syncTicketsEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data))
      if (!parsed.success) {
        void pull()
        return
      }
      if (localReady()) for (const listener of pushListeners) listener(parsed.data)
      void stored(parsed.data)
    })
    stream.addEventListener('reads', () => {
      for (const listener of readsListeners) listener()
    })
    stream.addEventListener('tags', () => {
      for (const listener of tagsListeners) listener()
    })
    stream.addEventListener('open', () => {
      markReachable(true)
      // Marks changed while the stream was down are read again.
      for (const listener of readsListeners) listener()
    })
    stream.addEventListener('error', () => markReachable(false))
    return stream
  }
  let stream = openStream()
  const goneOffline = () => markReachable(false)
  const cameOnline = () => {
    // The stream starts again at once, rather than when its backoff after the outage ends: its `open`
    // says the server is reachable without waiting for a pull (which waits for the local database).
    stream.close()
    stream = openStream()
    // What waits to be sent goes at once (it stops at the first request that does not get through).
    onReachable()
    void pull()
  }
  window.addEventListener('offline', goneOffline)
  window.addEventListener('online', cameOnline)

  return {
    reachable,
    localReady,
    revision,
    savedAt,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onPushed(listener) {
      pushListeners.add(listener)
      return () => pushListeners.delete(listener)
    },
    touch: (ticketIds) => announce(ticketIds ?? 'all'),
    onReads(listener) {
      readsListeners.add(listener)
      return () => readsListeners.delete(listener)
    },
    onTags(listener) {
      tagsListeners.add(listener)
      return () => tagsListeners.delete(listener)
    },
    pull,
    close() {
      closed = true
      stream.close()
      listeners.clear()
      pushListeners.clear()
      readsListeners.clear()
      tagsListeners.clear()
      window.removeEventListener('offline', goneOffline)
      window.removeEventListener('online', cameOnline)
    },
  }
}
