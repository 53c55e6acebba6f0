// Welcome messages: a channel's `welcomeMessage`, sent through the outbox on a customer's first
// contact (the message made a new contact), marked automatic. Runs after the ingest commit.
import { inArray } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { channels } from '../db/schema/channels.ts'
import type { BatchOutcome } from '../inbound/ingest-batch.ts'
import type { Logger } from '../log.ts'
import { findVisibleTicketAsSystem } from '../tickets/get-ticket.ts'
import { planOutbound } from './plan-outbound.ts'
import { queueOutbound } from './queue-outbound.ts'

/** Queues the welcome messages a batch calls for; true when any was queued. */
export async function queueWelcomeMessages(db: Db, outcome: BatchOutcome, log: Logger): Promise<boolean> {
  // Mail sent by machines (out-of-office, lists, bounces) is never answered automatically: no loops.
  const firsts = outcome.ingested.filter(
    (i) => i.ingested.contactCreated && i.message.direction === 'inbound' && !i.message.autoSubmitted,
  )
  if (!firsts.length) return false
  const channelRows = await db
    .select()
    .from(channels)
    .where(inArray(channels.id, [...new Set(firsts.map((f) => f.message.channelId))]))
  let queued = false
  for (const first of firsts) {
    const channel = channelRows.find((c) => c.id === first.message.channelId)
    const text = typeof channel?.config.welcomeMessage === 'string' ? channel.config.welcomeMessage.trim() : ''
    if (!channel || !text) continue
    try {
      await db.transaction(async (tx) => {
        const ticket = await findVisibleTicketAsSystem(tx, first.ingested.ticketId)
        const messageId = newId()
        const now = new Date()
        const planned = await planOutbound(tx, ticket, channel, { body: text, privateReply: false }, messageId, now, true)
        await queueOutbound(tx, {
          messageId,
          workspaceId: channel.workspaceId,
          ticketId: ticket.id,
          channelId: planned.sender.id,
          channelKind: planned.sender.kind,
          body: planned.body,
          request: planned.request,
          author: { type: 'system' },
          idempotencyKey: `welcome:${first.ingested.messageId}`,
          now,
        })
      })
      queued = true
    } catch (error) {
      // A channel that cannot send (a web form) or a rule that refuses: no welcome, and no harm done.
      if (!(error instanceof AppError)) log.error('welcome message failed', { channelId: channel.id, error })
    }
  }
  return queued
}
