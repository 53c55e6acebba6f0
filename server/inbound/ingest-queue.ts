// Group commit for inbound channel events. Webhook handlers submit events and wait; the queue takes
// every event waiting, journals them (PGlite), ingests them in ONE transaction and answers them all.
// One commit per batch instead of per event is how ingest passes one connection's commit rate.
// If the batch fails, each event is retried alone, so one bad event cannot sink the others; an event
// that fails alone is stored to be retried (keep-for-retry.ts) and answered as accepted: stored, and
// certain to be processed. If even that cannot be stored (the database is away), the sender is told
// 503 service_unavailable, and sends it again.

import { AppError } from '../../shared/errors.ts'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { IngestResult } from '../channels/inbound-message.ts'
import type { Clock } from '../clock/clock.ts'
import type { Database } from '../db/create-db.ts'
import { storable } from '../db/storable-text.ts'
import type { Logger } from '../log.ts'
import { eventKey } from './event-key.ts'
import { type BatchOutcome, type IngestSettings, ingestBatch } from './ingest-batch.ts'
import type { Journal } from './journal.ts'
import { keepForRetry } from './keep-for-retry.ts'

interface Waiting {
  event: ChannelEvent
  /** Already durable (journaled at start-up, or stored as a raw event to retry): not journaled again. */
  durable: boolean
  resolve(result: IngestResult): void
  reject(error: unknown): void
}

export interface IngestQueue {
  submit(event: ChannelEvent): Promise<IngestResult>
  /** Ingests an event stored earlier as a raw event to retry (not journaled again). */
  retry(event: ChannelEvent): Promise<IngestResult>
  /** Ingests events that are already journaled (start-up replay), in batches. */
  ingestNow(events: readonly ChannelEvent[]): Promise<void>
  /** Waits for what is queued, then refuses more. */
  close(): Promise<void>
}

const maxBatch = 256
/**
 * At most two batches at once: every batch that opens tickets holds the workspace's ticket counter
 * until it commits, so more would only wait on that lock while each stays small. Two keep one batch
 * filling while the other commits.
 */
const maxConcurrentBatches = 2
/** Past this size the journal is emptied (after a checkpoint), so start-up replay stays short. */
const journalLimitBytes = 32 * 1024 * 1024
const accepted: IngestResult = { duplicate: false, ticketId: null, ticketNumber: null, messageId: null }

export function createIngestQueue(deps: {
  database: Database
  journal: Journal | null
  settings: Omit<IngestSettings, 'lockIdentities'>
  log: Logger
  clock: Clock
  /** Runs after each commit (side effects after commit): automatic messages, live updates. */
  onCommitted?: (outcome: BatchOutcome) => Promise<void>
}): IngestQueue {
  const { database, journal, log } = deps
  const settings = { ...deps.settings, lockIdentities: Math.min(database.concurrency, maxConcurrentBatches) > 1 }
  const waiting: Waiting[] = []
  let running = 0
  let closed = false
  let idle: (() => void) | null = null
  const pendingAfterCommit = new Set<Promise<void>>()
  let afterCommitChain: Promise<void> = Promise.resolve()

  function pump(): void {
    while (waiting.length > 0 && running < Math.min(database.concurrency, maxConcurrentBatches)) {
      const batch = waiting.splice(0, maxBatch)
      running++
      void runBatch(batch).finally(() => {
        running--
        if (waiting.length > 0) pump()
        else if (running === 0) idle?.()
      })
    }
  }

  async function runBatch(batch: Waiting[]): Promise<void> {
    const fresh = batch.filter((w) => !w.durable)
    try {
      if (journal && fresh.length) await journal.append(fresh.map((w) => w.event))
    } catch (error) {
      log.error('could not journal inbound events', { error })
      for (const w of batch) w.reject(notStored())
      return
    }
    let outcome: BatchOutcome
    try {
      outcome = await database.db.transaction((tx) =>
        ingestBatch(
          tx,
          batch.map((w) => w.event),
          settings,
          deps.clock.now(),
        ),
      )
    } catch (error) {
      if (batch.length > 1) log.warn('ingest batch failed, retrying one by one', { size: batch.length, error })
      for (const w of batch) await runAlone(w)
      return
    }
    for (const [i, w] of batch.entries()) w.resolve(outcome.results[i]!)
    afterCommit(outcome)
    if (journal && journal.size > journalLimitBytes) await journal.reset()
  }

  async function runAlone(w: Waiting): Promise<void> {
    let outcome: BatchOutcome
    try {
      outcome = await database.db.transaction((tx) => ingestBatch(tx, [w.event], settings, deps.clock.now()))
    } catch (error) {
      log.error('ingest failed; keeping the raw event to retry', { key: eventKey(w.event), error })
      try {
        await keepForRetry(database.db, w.event, error)
        w.resolve(accepted)
      } catch (storeError) {
        log.error('could not keep the raw event; the sender is asked to send it again', {
          key: eventKey(w.event),
          error: storeError,
        })
        w.reject(notStored())
      }
      return
    }
    w.resolve(outcome.results[0]!)
    afterCommit(outcome)
  }

  /** Runs without holding the batch slot, so the next batch starts at once; close() waits for it. */
  function afterCommit(outcome: BatchOutcome): void {
    if (!deps.onCommitted) return
    // Chained, so one process's after-commit work runs in commit order and never overlaps itself.
    const work: Promise<void> = afterCommitChain
      .then(() => deps.onCommitted?.(outcome))
      .catch((error: unknown) => log.error('after-commit work failed', { error }))
      .finally(() => pendingAfterCommit.delete(work))
    pendingAfterCommit.add(work)
    afterCommitChain = work
  }

  function enqueue(event: ChannelEvent, durable: boolean): Promise<IngestResult> {
    if (closed) return Promise.reject(new Error('The ingest queue is closed'))
    return new Promise<IngestResult>((resolve, reject) => {
      // Every channel's events pass here: text PostgreSQL cannot hold is cleaned once, before the journal.
      waiting.push({ event: storable(event), durable, resolve, reject })
      if (waiting.length === 1) queueMicrotask(pump)
      else if (waiting.length >= maxBatch) pump()
    })
  }

  return {
    submit: (event) => enqueue(event, false),
    retry: (event) => enqueue(event, true),
    async ingestNow(events) {
      for (let i = 0; i < events.length; i += maxBatch) {
        const batch = events.slice(i, i + maxBatch).map((event) => ({
          event: storable(event),
          durable: true,
          resolve: () => {},
          reject: (error: unknown) => log.error('replay failed', { key: eventKey(event), error }),
        }))
        await runBatch(batch)
      }
    },
    async close() {
      closed = true
      if (running > 0 || waiting.length > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve
        })
      }
      await Promise.all(pendingAfterCommit)
    },
  }
}

function notStored(): AppError {
  return new AppError('service_unavailable', 'The message could not be stored right now; send it again in a few seconds.')
}
