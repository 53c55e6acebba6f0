// A reply on a Messenger or Instagram ticket, under Meta's rules: a comment ticket is answered publicly
// under the comment, or once by private reply within 7 days of it; a direct thread is answered freely for
// 24 hours after the customer's last message, then with the HUMAN_AGENT tag for up to 7 days, then not.
import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '../../../shared/errors.ts'
import { outbox } from '../../db/schema/outbox.ts'
import type { PlannedReply, ReplyToPlan } from '../reply-plan.ts'
import { lastCustomerMessage } from './last-customer-message.ts'
import { privateReplyAllowed, replyMode } from './reply-window.ts'

export async function planMetaReply(reply: ReplyToPlan, kind: 'messenger' | 'instagram'): Promise<PlannedReply> {
  const { db, ticket, channel, body, now } = reply
  const last = await lastCustomerMessage(db, ticket.id, channel.id)
  if (!last) throw new AppError('channel_rule', 'The customer has not written on this ticket, so there is nobody to answer.')

  if (ticket.threadKey?.startsWith('comment:')) {
    if (!reply.privateReply)
      return { request: { type: 'comment_reply', commentId: last.externalId, text: body }, body, sender: channel }
    if (!privateReplyAllowed(ticket.lastCustomerMessageAt ?? now, now)) {
      throw new AppError('window_closed', 'A private reply to a comment is allowed within 7 days of the comment.')
    }
    await refuseSecondPrivateReply(reply, last.externalId)
    return { request: { type: 'private_reply', commentId: last.externalId, text: body }, body, sender: channel }
  }

  const mode = replyMode(kind, ticket.lastCustomerMessageAt, now)
  if (mode === 'closed') {
    throw new AppError('window_closed', 'More than 7 days have passed since the customer last wrote; they have to write first.')
  }
  return {
    request: {
      type: 'dm',
      recipientId: last.senderId,
      mode: mode === 'human_agent' ? 'human_agent' : 'response',
      text: body,
      metadata: `helpdesk:${reply.messageId}`,
    },
    body,
    sender: channel,
  }
}

async function refuseSecondPrivateReply({ db, channel }: ReplyToPlan, commentId: string): Promise<void> {
  const [earlier] = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.channelId, channel.id),
        sql`${outbox.request} ->> 'type' = 'private_reply' and ${outbox.request} ->> 'commentId' = ${commentId}`,
        sql`${outbox.status} <> 'failed'`,
      ),
    )
    .limit(1)
  if (earlier) throw new AppError('channel_rule', 'This comment has had its one private reply already.')
}
