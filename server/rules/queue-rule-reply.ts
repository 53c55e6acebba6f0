// A rule's saved reply, queued through the ticket's channel like an agent's, inside the rule run's
// transaction. A channel that refuses (a closed window) leaves it unsent and the refusal audited.
import { AppError } from '../../shared/errors.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { planOutbound } from '../outbound/plan-outbound.ts'
import { queueOutbound } from '../outbound/queue-outbound.ts'
import { findVisibleTicketAsSystem } from '../tickets/get-ticket.ts'

/** Null when queued, else why the channel refused. */
export async function queueRuleReply(db: Db, ticketId: string, body: string, key: string, now: Date): Promise<string | null> {
  const ticket = await findVisibleTicketAsSystem(db, ticketId)
  const channel = await findChannel(db, ticket.channelId)
  const messageId = newId()
  try {
    return await db.transaction(async (tx) => {
      const planned = await planOutbound(tx, ticket, channel, { body, privateReply: false }, messageId, now, true)
      await queueOutbound(tx, {
        messageId,
        workspaceId: channel.workspaceId,
        ticketId,
        channelId: planned.sender.id,
        channelKind: planned.sender.kind,
        body: planned.body,
        request: planned.request,
        author: { type: 'system' },
        idempotencyKey: key,
        now,
      })
      return null
    })
  } catch (error) {
    if (error instanceof AppError) return error.message
    throw error
  }
}
