// Group commit for inbound messages. Webhook handlers submit a message and wait; the queue takes every
// message waiting, journals them (PGlite), ingests them in ONE transaction and then answers them all.
// One commit per batch instead of per message is how ingest passes one connection's commit rate.
// If the batch fails, each message is retried alone, so one bad message cannot sink the others; a
// message that fails alone is kept as a failed raw event (nothing is dropped) and answered as accepted.
import type { Database } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import type { Logger } from '../log.ts'
import type { InboundMessage, IngestResult } from './inbound-message.ts'
import { type IngestSettings, ingestBatch } from './ingest-batch.ts'
import type { Journal } from './journal.ts'

interface Waiting {
  message: InboundMessage
  resolve(result: IngestResult): void
  reject(error: unknown): void
}

export interface IngestQueue {
  submit(message: InboundMessage): Promise<IngestResult>
  /** Ingests messages that are already journaled (start-up replay), in batches. */
  ingestNow(messages: readonly InboundMessage[]): Promise<void>
  /** Waits for what is queued, then refuses more. */
  close(): Promise<void>
}

const maxBatch = 256
/** Past this size the journal is emptied (after a checkpoint), so start-up replay stays short. */
const journalLimitBytes = 32 * 1024 * 1024

export function createIngestQueue(deps: {
  database: Database
  journal: Journal | null
  settings: IngestSettings
  log: Logger
  /** Called after each commit with the ids of tickets that changed. */
  onCommitted?: (ticketIds: string[]) => void
}): IngestQueue {
  const { database, journal, settings, log } = deps
  const waiting: Waiting[] = []
  let running = 0
  let closed = false
  let idle: (() => void) | null = null

  function pump(): void {
    while (waiting.length > 0 && running < database.concurrency) {
      const batch = waiting.splice(0, maxBatch)
      running++
      void runBatch(batch).finally(() => {
        running--
        if (waiting.length > 0) pump()
        else if (running === 0) idle?.()
      })
    }
  }

  async function runBatch(batch: Waiting[], journaled = false): Promise<void> {
    try {
      if (journal && !journaled) await journal.append(batch.map((w) => w.message))
    } catch (error) {
      for (const w of batch) w.reject(error)
      return
    }
    try {
      const results = await database.db.transaction((tx) =>
        ingestBatch(
          tx,
          batch.map((w) => w.message),
          settings,
        ),
      )
      for (const [i, w] of batch.entries()) w.resolve(results[i]!)
      notify(results)
      if (journal && journal.size > journalLimitBytes) await journal.reset()
    } catch (error) {
      if (batch.length > 1) log.warn('ingest batch failed, retrying one by one', { size: batch.length, error })
      for (const w of batch) await runAlone(w)
    }
  }

  async function runAlone(w: Waiting): Promise<void> {
    try {
      const [result] = await database.db.transaction((tx) => ingestBatch(tx, [w.message], settings))
      w.resolve(result!)
      notify([result!])
    } catch (error) {
      log.error('ingest failed; keeping the raw event as failed', { externalId: w.message.externalId, error })
      try {
        await keepFailed(w.message, error)
        w.resolve({ duplicate: false, ticketId: null, ticketNumber: null, messageId: null })
      } catch (storeError) {
        w.reject(storeError)
      }
    }
  }

  async function keepFailed(message: InboundMessage, error: unknown): Promise<void> {
    await database.db
      .insert(inboundEvents)
      .values({
        id: newId(),
        workspaceId: message.workspaceId,
        channelId: message.channelId,
        externalId: message.externalId,
        payload: message,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
      })
      .onConflictDoNothing()
  }

  function notify(results: IngestResult[]): void {
    const ids = results.filter((r) => !r.duplicate && r.ticketId).map((r) => r.ticketId!)
    if (ids.length) deps.onCommitted?.(ids)
  }

  return {
    submit(message) {
      if (closed) return Promise.reject(new Error('The ingest queue is closed'))
      return new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ message, resolve, reject })
        if (waiting.length === 1) queueMicrotask(pump)
        else if (waiting.length >= maxBatch) pump()
      })
    },
    async ingestNow(messages) {
      for (let i = 0; i < messages.length; i += maxBatch) {
        const batch = messages.slice(i, i + maxBatch).map((message) => ({
          message,
          resolve: () => {},
          reject: (error: unknown) => log.error('replay failed', { externalId: message.externalId, error }),
        }))
        await runBatch(batch, true)
      }
    },
    async close() {
      closed = true
      if (running === 0 && waiting.length === 0) return
      await new Promise<void>((resolve) => {
        idle = resolve
      })
    },
  }
}
