// A chat reply for a visitor who has left: by email to the address they gave, through the workspace's
// mailbox, threaded like any reply (their answer by mail comes back to the chat's ticket).
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { SendOutcome } from '../channels/channel.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { EmailSender } from '../channels/email/email-sender.ts'
import type { OutboundRequest } from '../channels/outbound-request.ts'
import type { Db } from '../db/create-db.ts'
import { messages } from '../db/schema/messages.ts'
import { findVisibleTicketAsSystem } from '../tickets/get-ticket.ts'
import { planEmailReply } from './plan-email-reply.ts'

export async function sendChatByEmail(
  db: Db,
  email: EmailSender,
  request: Extract<OutboundRequest, { type: 'chat' }>,
  messageId: string,
): Promise<SendOutcome> {
  const [message] = await db.select({ ticketId: messages.ticketId }).from(messages).where(eq(messages.id, messageId))
  if (!message) return { ok: false, transient: false, reason: 'The message to send is gone.' }
  const ticket = await findVisibleTicketAsSystem(db, message.ticketId)
  try {
    const planned = await planEmailReply(db, ticket, await findChannel(db, ticket.channelId), request.text, messageId, false)
    return await email({ ...planned.request, to: request.fallbackEmail ?? planned.request.to })
  } catch (error) {
    if (error instanceof AppError) return { ok: false, transient: false, reason: `The visitor has left, and ${error.message}` }
    throw error
  }
}
