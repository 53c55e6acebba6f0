// Replies by email: on an email ticket, to the address the customer wrote from, threaded so their mail
// client files it with the conversation (In-Reply-To the mail we answer, References the chain, and the
// ticket number in the subject); on another channel's ticket (a web form, a live chat whose visitor has
// left), to the address the customer gave on it, through the workspace's email channel.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm'
import { AppError } from '../../../shared/errors.ts'
import type { Db } from '../../db/create-db.ts'
import { channels } from '../../db/schema/channels.ts'
import { inboundEvents } from '../../db/schema/inbound-events.ts'
import { messages } from '../../db/schema/messages.ts'
import type { ChannelRow } from '../channel-directory.ts'
import type { OutboundRequest } from '../outbound-request.ts'
import type { PlannedReply, ReplyTicket, ReplyToPlan } from '../reply-plan.ts'
import { isSampleChannel } from '../sample-channel.ts'
import { customerEmail } from './customer-email.ts'
import { storedDeliveryOf } from './stored-delivery.ts'

export interface PlannedEmail {
  request: Extract<OutboundRequest, { type: 'email' }>
  /** The channel the mail leaves through (a web-form ticket is answered through an email channel). */
  sender: ChannelRow
}

export async function planEmailReply(
  db: Db,
  ticket: Pick<ReplyTicket, 'id' | 'number' | 'subject' | 'contactId'>,
  channel: ChannelRow,
  text: string,
  messageId: string,
  automatic: boolean,
  attachmentIds: readonly string[] = [],
  cc: readonly string[] = [],
): Promise<PlannedEmail> {
  const sender = channel.kind === 'email' ? channel : await workspaceMailbox(db, channel)
  const address = String(sender.config.address)
  const answering = channel.kind === 'email' ? await lastInboundMail(db, ticket.id, channel.id) : null
  const to = await customerEmail(db, ticket, channel.id)
  if (!to) throw new AppError('channel_rule', 'This customer has no email address to answer.')
  const references = answering ? referencesHeader(answering.references, answering.messageId) : []
  return {
    sender,
    request: {
      type: 'email',
      from: { address, name: typeof sender.config.fromName === 'string' ? sender.config.fromName : null },
      to,
      // Never our own mailbox, nor the customer twice.
      cc: [...new Set(cc)].filter((a) => a !== address.toLowerCase() && a !== to.toLowerCase()),
      subject: replySubject(ticket.subject, ticket.number),
      text,
      html: textToHtml(text),
      messageId: `<${messageId}@${address.split('@')[1] ?? 'helpdesk.invalid'}>`,
      inReplyTo: answering?.messageId ?? null,
      references,
      automatic,
      attachmentIds: [...attachmentIds],
    },
  }
}

/**
 * References for our answer (RFC 5322): the thread root first, then the nearest ancestors, then the mail
 * we answer; at most 20 ids. `nearestFirst` is the customer mail's own References, nearest first.
 */
export function referencesHeader(nearestFirst: readonly string[], answering: string): string[] {
  const rootFirst = [...new Set([...nearestFirst].reverse())].filter((id) => id !== answering)
  const kept = rootFirst.length > 19 ? [rootFirst[0]!, ...rootFirst.slice(-18)] : rootFirst
  return [...kept, answering]
}

/** "Re: <subject> [#123]": one Re:, and the number that threads a reply even without headers. */
export function replySubject(subject: string | null, number: number): string {
  const base = (subject ?? 'Your request').replace(/^(\s*(re|aw|sv|antw)\s*:\s*)+/i, '').replace(/\s*\[#\d+\]\s*$/, '')
  return `Re: ${base} [#${number}]`
}

export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<div style="white-space:pre-wrap">${escaped}</div>`
}

/**
 * The workspace's first mailbox. A sample channel's customer is answered through the sample mailbox (whose
 * mail the simulator takes), a real one's only through a real mailbox: the two never mix.
 */
async function workspaceMailbox(db: Db, channel: ChannelRow): Promise<ChannelRow> {
  const sample = String(isSampleChannel(channel))
  const [mailbox] = await db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, channel.workspaceId),
        eq(channels.kind, 'email'),
        sql`coalesce(${channels.config} ->> 'sample', 'false') = ${sample}`,
      ),
    )
    .orderBy(asc(channels.createdAt))
    .limit(1)
  if (!mailbox) throw new AppError('channel_rule', 'Connect an email channel to answer web-form customers by email.')
  return mailbox
}

/** The latest mail of the customer on the ticket: its Message-ID and References. */
async function lastInboundMail(db: Db, ticketId: string, channelId: string) {
  const [last] = await db
    .select({ messageId: messages.externalId, payload: inboundEvents.payload })
    .from(messages)
    .leftJoin(inboundEvents, storedDeliveryOf(channelId))
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.direction, 'inbound'),
        isNotNull(messages.externalId),
        sql`${messages.channelKind} = 'email'`,
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1)
  if (!last?.messageId) return null
  const message = (last.payload as { message?: { emailThread?: { references?: string[] } } } | null)?.message
  return { messageId: last.messageId, references: message?.emailThread?.references ?? [] }
}

/** The plan of a channel answered by mail (email itself, the web form). */
export async function planReplyByEmail(reply: ReplyToPlan): Promise<PlannedReply> {
  const { db, ticket, channel, body, messageId, automatic, attachmentIds, cc } = reply
  const planned = await planEmailReply(db, ticket, channel, body, messageId, automatic, attachmentIds, cc)
  return { ...planned, body }
}
