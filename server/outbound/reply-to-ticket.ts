// An agent's reply to the customer: checked against the channel's rules, then written with its outbox
// row in one transaction (202, status queued); it leaves through the ticket's channel after the commit.
// The same idempotency key never sends twice: a repeated request answers with the first reply.

import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Message } from '../../shared/schema/message.ts'
import type { PresentAgent } from '../../shared/schema/presence.ts'
import { type CreateReply, maxReplyFileBytes, type OutgoingFile } from '../../shared/schema/reply.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { attachments } from '../db/schema/attachments.ts'
import { messages } from '../db/schema/messages.ts'
import { outbox } from '../db/schema/outbox.ts'
import { findVisibleTicket } from '../tickets/get-ticket.ts'
import { messageColumns, toMessage } from '../tickets/message-view.ts'
import { assertNoReplyConflict } from '../tickets/reply-conflicts.ts'
import { updateTicket } from '../tickets/update-ticket.ts'
import { planOutbound } from './plan-outbound.ts'
import { queueOutbound } from './queue-outbound.ts'

export async function replyToTicket(
  db: Db,
  actor: Actor,
  ticketId: string,
  reply: CreateReply,
  now: Date,
  /** Who is on the ticket's document now (a colleague typing is a conflict unless confirmed). */
  present: readonly PresentAgent[] = [],
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
    if (!reply.confirm) await assertNoReplyConflict(tx, actor, ticket.id, reply.lastSeenMessageId, present)
    const channel = await findChannel(tx, ticket.channelId)
    const messageId = newId()
    const files = readFiles(reply.attachments)
    const planned = await planOutbound(
      tx,
      ticket,
      channel,
      reply,
      messageId,
      now,
      false,
      files.map((f) => f.id),
    )
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
      attachments: files.map((f) => ({
        type: 'file' as const,
        url: `/api/attachments/${f.id}`,
        name: f.name,
        mimeType: f.mimeType,
        size: f.bytes.length,
      })),
    })
    if (files.length) {
      await tx.insert(attachments).values(
        files.map((f) => ({
          id: f.id,
          workspaceId: actor.workspaceId,
          messageId,
          mimeType: f.mimeType,
          fileName: f.name,
          size: f.bytes.length,
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
          bytes: f.bytes,
        })),
      )
    }
    // The status changes with the reply or not at all: an earlier failure throws before this.
    if (reply.setStatus) await updateTicket(tx, actor, ticket.id, { status: reply.setStatus }, now)
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'ticket.replied',
          entityType: 'ticket',
          entityId: ticket.id,
          data: { messageId, type: planned.request.type },
        },
      ],
      now,
    )
    return { message: toMessage(message), repeated: false }
  })
}

/** The files of a reply, decoded; more than 10 MB in all is refused. */
function readFiles(files: readonly OutgoingFile[]) {
  const decoded = files.map((file) => ({
    id: newId(),
    name: file.name,
    mimeType: file.mimeType,
    bytes: Buffer.from(file.base64, 'base64'),
  }))
  const total = decoded.reduce((sum, f) => sum + f.bytes.length, 0)
  if (total > maxReplyFileBytes) {
    throw new AppError('payload_too_large', `The files come to ${total} bytes; a reply carries ${maxReplyFileBytes} at most.`)
  }
  return decoded
}
