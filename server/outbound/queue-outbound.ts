// Writes an outbound message and its outbox row in the caller's transaction: the message shows in the
// thread as queued at once; the dispatcher delivers it after the commit.
import { eq, sql } from 'drizzle-orm'
import type { Attachment } from '../../shared/schema/message.ts'
import type { OutboundRequest } from '../channels/outbound-request.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { messages } from '../db/schema/messages.ts'
import { outbox } from '../db/schema/outbox.ts'
import { tickets } from '../db/schema/tickets.ts'
import { preview } from '../inbound/ingest-messages.ts'
import { segmentForIndex } from '../search/segment.ts'
import { type MessageRow, messageColumns } from '../tickets/message-view.ts'

export interface OutboundToQueue {
  messageId: string
  workspaceId: string
  ticketId: string
  channelId: string
  channelKind: MessageRow['channelKind']
  body: string
  request: OutboundRequest
  author: { type: 'agent'; id: string } | { type: 'system' }
  idempotencyKey: string | null
  now: Date
  /** What the thread shows of the files sent with it. */
  attachments?: Attachment[]
}

export async function queueOutbound(db: Db, out: OutboundToQueue): Promise<MessageRow> {
  const [message] = await db
    .insert(messages)
    .values({
      id: out.messageId,
      workspaceId: out.workspaceId,
      ticketId: out.ticketId,
      kind: 'message',
      direction: 'outbound',
      channelKind: out.channelKind,
      authorType: out.author.type,
      authorId: out.author.type === 'agent' ? out.author.id : null,
      body: out.body,
      attachments: out.attachments ?? [],
      mail: out.request.type === 'email' ? { from: out.request.from.address, to: [out.request.to], cc: out.request.cc } : null,
      status: 'queued',
      automatic: out.author.type === 'system',
      search: sql`to_tsvector('simple', ${segmentForIndex(out.body)})`,
      createdAt: out.now,
      privateReplyTo: out.request.type === 'private_reply' ? out.request.commentId : null,
    })
    .returning(messageColumns)
  await db.insert(outbox).values({
    id: newId(),
    workspaceId: out.workspaceId,
    messageId: out.messageId,
    channelId: out.channelId,
    idempotencyKey: out.idempotencyKey,
    request: out.request,
    status: 'pending',
    nextAttemptAt: out.now,
  })
  const firstResponse =
    out.author.type === 'agent'
      ? sql`coalesce(${tickets.firstResponseAt}, ${out.now.toISOString()}::timestamptz)`
      : tickets.firstResponseAt
  await db
    .update(tickets)
    .set({
      updatedAt: out.now,
      lastMessageAt: out.now,
      lastMessagePreview: preview(out.body),
      firstResponseAt: firstResponse,
      // An agent's reply meets the next-reply target: nothing is due until the customer writes again.
      ...(out.author.type === 'agent' ? { lastAgentReplyAt: out.now, nextReplyDueAt: null } : {}),
    })
    .where(eq(tickets.id, out.ticketId))
  return message!
}
