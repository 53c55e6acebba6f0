// Delivers outbox rows. Claiming marks rows `sending` (FOR UPDATE SKIP LOCKED, so several server
// processes never take the same row); a send's answer then settles the row in one transaction:
// sent (with the channel's message id), failed (with the reason shown to the agent), or back to
// pending with a backoff when Meta says try again. A row found `sending` at start-up was interrupted
// mid-send: it may have reached the customer, so it is failed, never sent twice.
import { and, eq, sql } from 'drizzle-orm'
import { outboundRequestSchema } from '../channels/outbound-request.ts'
import type { OutboundSender, SendOutcome } from '../channels/send-outcome.ts'
import type { Clock } from '../clock/clock.ts'
import type { Database, Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import { messages } from '../db/schema/messages.ts'
import { outbox } from '../db/schema/outbox.ts'
import type { Logger } from '../log.ts'
import { backoffMs } from '../scheduler/backoff.ts'

export interface OutboxDispatcher {
  /** Look for due rows now (after a commit that queued one). */
  wake(): void
  /** Fails rows left `sending` by a process that stopped mid-send. */
  recoverInterrupted(): Promise<void>
  stop(): Promise<void>
}

const claimSize = 20
const maxAttempts = 8
const idlePollMs = 1_000

export interface DispatcherDeps {
  database: Database
  send: OutboundSender
  log: Logger
  clock: Clock
  /** A failed reply is no reply: the tickets' SLA due times and scores are worked out again (in the transaction). */
  settleTickets(db: Db, ticketIds: readonly string[], now: Date): Promise<void>
}

export function createOutboxDispatcher(deps: DispatcherDeps): OutboxDispatcher {
  const { db } = deps.database
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let again = false
  let stopped = false

  async function claim() {
    return rows<{ id: string; message_id: string; channel_id: string; attempts: number; request: unknown; workspace_id: string }>(
      db,
      sql`update ${outbox} o set status = 'sending', attempts = o.attempts + 1
          from (select id from ${outbox} where status = 'pending' and next_attempt_at <= now()
                order by next_attempt_at limit ${claimSize} for update skip locked) due
          where o.id = due.id
          returning o.id, o.message_id, o.channel_id, o.attempts, o.request, o.workspace_id`,
    )
  }

  async function deliver(row: Awaited<ReturnType<typeof claim>>[number]): Promise<void> {
    const parsed = outboundRequestSchema.safeParse(row.request)
    const outcome: SendOutcome = parsed.success
      ? await deps.send(row.channel_id, parsed.data, { messageId: row.message_id }).catch((error: unknown) => {
          deps.log.error('send threw', { outboxId: row.id, error })
          return { ok: false as const, transient: false, reason: 'The send failed inside the helpdesk; see the server log.' }
        })
      : { ok: false, transient: false, reason: 'The queued request is not readable.' }
    await db.transaction(async (tx) => {
      if (outcome.ok) {
        await tx.update(outbox).set({ status: 'done', lastError: null }).where(eq(outbox.id, row.id))
        await tx
          .update(messages)
          .set({
            status: sql`case when ${messages.status} = 'queued' then 'sent' else ${messages.status} end`,
            externalId: outcome.externalId,
            error: null,
          })
          .where(eq(messages.id, row.message_id))
        // Our own message id, stored as if it had arrived: the channel's echo of it is then a duplicate.
        await tx
          .insert(inboundEvents)
          .values({
            id: newId(),
            workspaceId: row.workspace_id,
            channelId: row.channel_id,
            externalId: outcome.externalId,
            payload: { sentBy: row.message_id },
            status: 'processed',
          })
          .onConflictDoNothing()
      } else if (outcome.transient && row.attempts < maxAttempts) {
        const next = new Date(Date.now() + backoffMs(row.attempts))
        await tx
          .update(outbox)
          .set({ status: 'pending', nextAttemptAt: next, lastError: outcome.reason })
          .where(eq(outbox.id, row.id))
      } else {
        await tx.update(outbox).set({ status: 'failed', lastError: outcome.reason }).where(eq(outbox.id, row.id))
        const failed = await tx
          .update(messages)
          .set({ status: 'failed', error: outcome.reason })
          .where(and(eq(messages.id, row.message_id), sql`${messages.status} in ('queued', 'sent')`))
          .returning({ ticketId: messages.ticketId })
        await deps.settleTickets(
          tx,
          failed.map((f) => f.ticketId),
          deps.clock.now(),
        )
      }
    })
  }

  async function drain(): Promise<void> {
    do {
      again = false
      const due = await claim()
      await Promise.all(due.map(deliver))
      if (due.length === claimSize) again = true
    } while (again && !stopped)
  }

  function run(): void {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = drain()
      .catch((error: unknown) => deps.log.error('outbox dispatcher failed', { error }))
      .finally(() => {
        running = null
        schedule()
      })
  }

  function schedule(): void {
    if (stopped) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(run, idlePollMs)
    timer.unref()
  }

  return {
    wake: run,
    async recoverInterrupted() {
      const interrupted = await db
        .update(outbox)
        .set({ status: 'failed', lastError: 'The server stopped while sending; check the conversation before sending again.' })
        .where(eq(outbox.status, 'sending'))
        .returning({ messageId: outbox.messageId })
      for (const { messageId } of interrupted) {
        await db.transaction(async (tx) => {
          const failed = await tx
            .update(messages)
            .set({ status: 'failed', error: 'The server stopped while sending; it may or may not have reached the customer.' })
            .where(and(eq(messages.id, messageId), eq(messages.status, 'queued')))
            .returning({ ticketId: messages.ticketId })
          await deps.settleTickets(
            tx,
            failed.map((f) => f.ticketId),
            deps.clock.now(),
          )
        })
      }
      schedule()
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
