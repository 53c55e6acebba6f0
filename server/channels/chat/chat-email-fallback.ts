// A chat reply for a visitor who has left: by email to the address they gave, through the workspace's
// mailbox, threaded like any reply (their answer by mail comes back to the chat's ticket).
import { eq } from 'drizzle-orm'
import { AppError } from '../../../shared/errors.ts'
import { messages } from '../../db/schema/messages.ts'
import { tickets } from '../../db/schema/tickets.ts'
import type { ChannelDeps, SendTarget } from '../channel.ts'
import { planEmailReply } from '../email/plan-email-reply.ts'
import type { OutboundRequest } from '../outbound-request.ts'
import type { SendOutcome } from '../send-outcome.ts'

export async function sendChatByEmail(
  { db, email }: Pick<ChannelDeps, 'db' | 'email'>,
  request: Extract<OutboundRequest, { type: 'chat' }>,
  { channel, messageId }: SendTarget,
): Promise<SendOutcome> {
  const [ticket] = await db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, contactId: tickets.contactId })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(eq(messages.id, messageId))
  if (!ticket) return { ok: false, transient: false, reason: 'The message to send is gone.' }
  try {
    const planned = await planEmailReply(db, ticket, channel, request.text, messageId, false)
    return await email({ ...planned.request, to: request.fallbackEmail ?? planned.request.to })
  } catch (error) {
    if (error instanceof AppError) return { ok: false, transient: false, reason: `The visitor has left, and ${error.message}` }
    throw error
  }
}
