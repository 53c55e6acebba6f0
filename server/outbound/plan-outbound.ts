// What a reply on a ticket sends, decided before anything is written (DESIGN.md: a channel rule is
// checked before the outbox row, so the agent gets a clear error at once): the window, the mode, the
// recipient, the template. Throws AppError 422 (window_closed, unknown_template, channel_rule).
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { CreateReply } from '../../shared/schema/reply.ts'
import type { ChannelRow } from '../channels/channel-directory.ts'
import { privateReplyAllowed, replyMode } from '../channels/meta/reply-window.ts'
import type { OutboundRequest } from '../channels/outbound-request.ts'
import type { Db } from '../db/create-db.ts'
import { inboundEvents } from '../db/schema/inbound-events.ts'
import { messages } from '../db/schema/messages.ts'
import { outbox } from '../db/schema/outbox.ts'
import { renderTemplateUse } from '../templates/template-directory.ts'
import type { TicketRow } from '../tickets/ticket-view.ts'
import { planChatReply } from './plan-chat-reply.ts'
import { planEmailReply } from './plan-email-reply.ts'

export interface PlannedOutbound {
  request: OutboundRequest
  /** The text the thread shows (a template rendered with its parameters). */
  body: string
  /** The channel that sends it: the ticket's own, or the mailbox answering a web form. */
  sender: ChannelRow
}

export async function planOutbound(
  db: Db,
  ticket: TicketRow,
  channel: ChannelRow,
  reply: Pick<CreateReply, 'body' | 'template' | 'privateReply'>,
  messageId: string,
  now: Date,
  automatic = false,
  attachmentIds: readonly string[] = [],
): Promise<PlannedOutbound> {
  if (reply.template && channel.kind !== 'whatsapp') {
    throw new AppError('invalid_input', 'Templates are for WhatsApp channels.', [
      { path: 'template', message: 'Not a WhatsApp ticket' },
    ])
  }
  if (attachmentIds.length && channel.kind !== 'email' && channel.kind !== 'form') {
    throw new AppError('channel_rule', 'Files can be sent with email replies only, for now.')
  }
  if (channel.kind === 'email' || channel.kind === 'form') {
    const planned = await planEmailReply(db, ticket, channel, reply.body, messageId, automatic, attachmentIds)
    return { ...planned, body: reply.body }
  }
  if (channel.kind === 'chat') return { request: await planChatReply(db, ticket, reply.body), body: reply.body, sender: channel }
  if (channel.kind !== 'whatsapp' && channel.kind !== 'messenger' && channel.kind !== 'instagram') {
    throw new AppError('channel_rule', `Replies through ${channel.kind} channels are not available yet.`)
  }
  return { ...(await planSocial(db, ticket, { ...channel, kind: channel.kind }, reply, messageId, now)), sender: channel }
}

async function planSocial(
  db: Db,
  ticket: TicketRow,
  channel: ChannelRow & { kind: 'whatsapp' | 'messenger' | 'instagram' },
  reply: Pick<CreateReply, 'body' | 'template' | 'privateReply'>,
  messageId: string,
  now: Date,
): Promise<Omit<PlannedOutbound, 'sender'>> {
  const last = await lastCustomerMessage(db, ticket.id, channel.id)
  if (!last) throw new AppError('channel_rule', 'The customer has not written on this ticket, so there is nobody to answer.')

  if (ticket.threadKey?.startsWith('comment:')) {
    if (!reply.privateReply)
      return { request: { type: 'comment_reply', commentId: last.externalId, text: reply.body }, body: reply.body }
    if (!privateReplyAllowed(ticket.lastCustomerMessageAt ?? now, now)) {
      throw new AppError('window_closed', 'A private reply to a comment is allowed within 7 days of the comment.')
    }
    await refuseSecondPrivateReply(db, channel.id, last.externalId)
    return { request: { type: 'private_reply', commentId: last.externalId, text: reply.body }, body: reply.body }
  }

  const mode = replyMode(channel.kind, ticket.lastCustomerMessageAt, now)
  if (channel.kind === 'whatsapp') {
    if (reply.template) {
      const body = await renderTemplateUse(db, channel.id, reply.template)
      return { request: { type: 'whatsapp', to: last.senderId, text: null, template: reply.template, replyTo: null }, body }
    }
    if (mode !== 'response') {
      throw new AppError(
        'window_closed',
        'More than 24 hours have passed since the customer last wrote: send an approved template.',
        {
          closedAt: ticket.lastCustomerMessageAt
            ? new Date(ticket.lastCustomerMessageAt.getTime() + 86_400_000).toISOString()
            : null,
        },
      )
    }
    return { request: { type: 'whatsapp', to: last.senderId, text: reply.body, template: null, replyTo: null }, body: reply.body }
  }
  if (mode === 'closed') {
    throw new AppError('window_closed', 'More than 7 days have passed since the customer last wrote; they have to write first.')
  }
  return {
    request: {
      type: 'dm',
      recipientId: last.senderId,
      mode: mode === 'human_agent' ? 'human_agent' : 'response',
      text: reply.body,
      metadata: `helpdesk:${messageId}`,
    },
    body: reply.body,
  }
}

/**
 * The ticket's latest customer message and who sent it, as the channel named them (a contact may hold
 * several ids of one kind, e.g. page-scoped ids of two pages, so the ticket's own delivery decides).
 */
async function lastCustomerMessage(
  db: Db,
  ticketId: string,
  channelId: string,
): Promise<{ externalId: string; senderId: string } | null> {
  const [last] = await db
    .select({
      externalId: messages.externalId,
      senderId: sql<string | null>`${inboundEvents.payload} #>> '{message,contact,identities,0,value}'`,
    })
    .from(messages)
    .leftJoin(inboundEvents, and(eq(inboundEvents.channelId, channelId), eq(inboundEvents.externalId, messages.externalId)))
    .where(and(eq(messages.ticketId, ticketId), eq(messages.direction, 'inbound'), isNotNull(messages.externalId)))
    .orderBy(desc(messages.createdAt))
    .limit(1)
  return last?.externalId && last.senderId ? { externalId: last.externalId, senderId: last.senderId } : null
}

async function refuseSecondPrivateReply(db: Db, channelId: string, commentId: string): Promise<void> {
  const [earlier] = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.channelId, channelId),
        sql`${outbox.request} ->> 'type' = 'private_reply' and ${outbox.request} ->> 'commentId' = ${commentId}`,
        sql`${outbox.status} <> 'failed'`,
      ),
    )
    .limit(1)
  if (earlier) throw new AppError('channel_rule', 'This comment has had its one private reply already.')
}
