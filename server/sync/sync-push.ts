// The live sync push. A trigger NOTIFYs on every transaction that writes tickets or messages (migration
// 0017); on each burst of notices this reads what changed once (push-batch.ts) and queues for every open
// stream what its agent may see (push-fanout.ts). Reads run one at a time, each from the snapshot the last
// one ended at, so every commit is pushed once and in commit order, also one whose notice was folded into
// another's. Notices sent while the listening connection was down (a database restart) are lost: when
// listening starts again every stream is told to pull. No writer has to remember to publish, and nothing
// is polled.
import { sql } from 'drizzle-orm'
import type { Actor } from '../auth/actor.ts'
import type { Clock } from '../clock/clock.ts'
import { type CommitSnapshot, currentSnapshot } from '../db/commit-snapshot.ts'
import type { Database } from '../db/create-db.ts'
import type { Logger } from '../log.ts'
import { readPushBatch } from './push-batch.ts'
import { changeEvent, fanOut } from './push-fanout.ts'
import type { StreamQueue } from './stream-queue.ts'
import { recordSent } from './ticket-sightings.ts'

/** The channel the triggers of migration 0017 notify. */
const channel = 'helpdesk_sync'
/**
 * An agent's read marks changed (the payload is their id) or a workspace's tag list did (`tags:` and its
 * id): their streams, on every process, are told.
 */
const notesChannel = 'helpdesk_reads'
const tagsPrefix = 'tags:'
/** After a failed read, the next try (the snapshot stays, so nothing is skipped meanwhile). */
const retryMs = 1_000

export interface SyncStream {
  readonly agentId: string
  readonly workspaceId: string
  readonly queue: StreamQueue
  /** The stream's credentials asked again: null once they sign nobody in. */
  reauthenticate(): Promise<Actor | null>
  /** Ends the stream (its agent signed out). */
  end(): void
}

export interface SyncPush {
  /**
   * Adds a stream, with a `change` first in its queue: what was committed before is the client's to pull,
   * everything after is queued for it. Resolves with the function that removes the stream.
   */
  open(stream: SyncStream): Promise<() => void>
  /** What an agent may see changed (signed out, role, teams): the credentials of their streams are asked again. */
  recheck(agentId: string): Promise<void>
  /** The agent's read marks changed: each of their streams gets a `reads` event and reads them again. */
  readsChanged(agentId: string): Promise<void>
  /** The workspace's tag list changed (a colour, a name): each of its streams gets a `tags` event. */
  tagsChanged(workspaceId: string): Promise<void>
  close(): void
}

export async function createSyncPush(deps: { database: Database; clock: Clock; log: Logger }): Promise<SyncPush> {
  const { database, clock, log } = deps
  const db = database.db
  const streams = new Set<SyncStream>()
  /** Where the next read starts; null while no stream is open (nothing is read then). */
  let since: CommitSnapshot | null = null
  let scheduled = false
  /** When the first notice of the burst waiting to be read came (for the debug log). */
  let noticedAt = 0
  let retry: NodeJS.Timeout | null = null
  let closed = false
  let chain: Promise<unknown> = Promise.resolve()

  /** Reads, stream openings and restarts take turns: each read starts where the last one ended. */
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const done = chain.then(work)
    chain = done.catch(() => {})
    return done
  }

  /** Notices arriving together are read together. */
  function schedule(): void {
    if (scheduled || closed) return
    scheduled = true
    noticedAt = performance.now()
    setImmediate(() => {
      void inTurn(async () => {
        scheduled = false
        await pushChanges()
      })
    })
  }

  function retryLater(): void {
    if (retry || closed) return
    retry = setTimeout(() => {
      retry = null
      schedule()
    }, retryMs)
    retry.unref()
  }

  async function pushChanges(): Promise<void> {
    if (!streams.size || !since) {
      since = null
      return
    }
    const agentIds = new Set([...streams].map((s) => s.agentId))
    const noticed = noticedAt
    const started = performance.now()
    let batch: Awaited<ReturnType<typeof readPushBatch>>
    try {
      batch = await readPushBatch(db, since, [...agentIds])
    } catch (error) {
      log.warn('could not read changes to push; trying again', { error })
      retryLater()
      return
    }
    since = batch.snapshot
    const at = clock.now().toISOString()
    if (batch.overflow) {
      for (const stream of streams) stream.queue.push([changeEvent(at)], at)
      return
    }
    if (!batch.tickets.length) return
    const read = performance.now()
    const out = fanOut(batch, agentIds, at)
    for (const stream of streams) {
      const events = out.events.get(stream.agentId)
      if (events) stream.queue.push(events, at)
    }
    log.debug('changes pushed', {
      tickets: batch.tickets.length,
      streams: streams.size,
      waitedMs: Math.round(started - noticed),
      readMs: Math.round(read - started),
      fanOutMs: Math.round(performance.now() - read),
    })
    // Recorded in this turn, so the next batch (a ticket leaving an agent's sight right after) knows the
    // agent holds it, and their streams are told to pull. Unrecorded, they pull now (the pull records).
    await recordSent(db, out.sent).catch((error: unknown) => {
      log.warn('could not record pushed tickets; their agents pull instead', { error })
      const unrecorded = new Set(out.sent.map((s) => s.agentId))
      for (const stream of streams) if (unrecorded.has(stream.agentId)) stream.queue.push([changeEvent(at)], at)
    })
  }

  /** Listening (again): what was notified meanwhile is lost, so every stream pulls from here. */
  async function listening(): Promise<void> {
    if (!streams.size) {
      since = null
      return
    }
    // A fresh start spares re-pushing what the pulls bring; kept when the database does not answer,
    // the next read catches up from the old one.
    since = await currentSnapshot(db).catch(() => since)
    const at = clock.now().toISOString()
    for (const stream of streams) stream.queue.push([changeEvent(at)], at)
    log.info('listening for changes again; open streams told to pull', { streams: streams.size })
  }

  await database.listen(channel, schedule, () => void inTurn(listening))
  // One channel carries both read marks (the payload is the agent's id) and tag lists (`tags:` and the
  // workspace's id): each channel LISTENed on is one more to listen on again after a database restart.
  await database.listen(
    notesChannel,
    (payload) => {
      const at = clock.now().toISOString()
      const workspaceId = payload.startsWith(tagsPrefix) ? payload.slice(tagsPrefix.length) : null
      for (const stream of streams) {
        if (workspaceId === null && stream.agentId === payload)
          stream.queue.push([{ event: 'reads', data: JSON.stringify({ at }) }], at)
        if (workspaceId !== null && stream.workspaceId === workspaceId)
          stream.queue.push([{ event: 'tags', data: JSON.stringify({ at }) }], at)
      }
    },
    () => {},
  )

  return {
    open: (stream) =>
      inTurn(async () => {
        since ??= await currentSnapshot(db)
        const at = clock.now().toISOString()
        stream.queue.push([changeEvent(at)], at)
        streams.add(stream)
        return () => {
          streams.delete(stream)
        }
      }),
    async recheck(agentId) {
      for (const stream of [...streams]) {
        if (stream.agentId !== agentId) continue
        const actor = await stream.reauthenticate().catch(() => undefined)
        // Not known (the database did not answer): the stream's own heartbeat asks again.
        if (actor === null) {
          streams.delete(stream)
          stream.end()
        }
      }
    },
    readsChanged: async (agentId) => {
      // Through the database, so the streams on every server process hear it.
      await db.execute(sql`select pg_notify(${notesChannel}, ${agentId})`)
    },
    tagsChanged: async (workspaceId) => {
      await db.execute(sql`select pg_notify(${notesChannel}, ${tagsPrefix + workspaceId})`)
    },
    close() {
      closed = true
      if (retry) clearTimeout(retry)
      for (const stream of streams) stream.end()
      streams.clear()
    },
  }
}
