// An agent's reply to the customer: checked against the channel's rules, then written with its outbox
// row in one transaction (202, status queued); it leaves through the ticket's channel after the commit.
// The same idempotency key never sends twice: a repeated request answers with the first reply.
import { and, eq } from 'drizzle-orm'
import type { Message } from '../../shared/schema/message.ts'
import type { CreateReply } from '../../shared/schema/reply.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { messages } from '../db/schema/messages.ts'
import { outbox } from '../db/schema/outbox.ts'
import type { Actor } from '../http/app-env.ts'
import { planOutbound } from '../outbound/plan-outbound.ts'
import { queueOutbound } from '../outbound/queue-outbound.ts'
import { findVisibleTicket } from './get-ticket.ts'
import { messageColumns, toMessage } from './message-view.ts'

export async function replyToTicket(
  db: Db,
  actor: Actor,
  ticketId: string,
  reply: CreateReply,
  now: Date,
): Promise<{ message: Message; repeated: boolean }> {
  return db.transaction(async (tx) => {
    const ticket = await findVisibleTicket(tx, actor, ticketId)
    if (reply.idempotencyKey) {
      const [earlier] = await tx
        .select(messageColumns)
        .from(outbox)
        .innerJoin(messages, eq(messages.id, outbox.messageId))
        .where(and(eq(outbox.workspaceId, actor.workspaceId), eq(outbox.idempotencyKey, reply.idempotencyKey)))
      if (earlier) return { message: toMessage(earlier), repeated: true }
    }
    const channel = await findChannel(tx, ticket.channelId)
    const messageId = newId()
    const planned = await planOutbound(tx, ticket, channel, reply, messageId, now)
    const message = await queueOutbound(tx, {
      messageId,
      workspaceId: actor.workspaceId,
      ticketId: ticket.id,
      channelId: planned.sender.id,
      channelKind: planned.sender.kind,
      body: planned.body,
      request: planned.request,
      author: { type: 'agent', id: actor.agentId },
      idempotencyKey: reply.idempotencyKey ?? null,
      now,
    })
    await recordAudit(tx, [
      {
        workspaceId: actor.workspaceId,
        actorType: 'agent',
        actorId: actor.agentId,
        action: 'ticket.replied',
        entityType: 'ticket',
        entityId: ticket.id,
        data: { messageId, type: planned.request.type },
      },
    ])
    return { message: toMessage(message), repeated: false }
  })
}
