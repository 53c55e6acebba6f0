// Replies on a live-chat ticket: to the visitor now writing on it (its latest message names them), with
// the email they gave on the ticket as the way to reach them once they have left the page.
import { AppError } from '../../../shared/errors.ts'
import { customerEmail } from '../email/customer-email.ts'
import type { PlannedReply, ReplyToPlan } from '../reply-plan.ts'
import { visitorOfTicket } from './chat-history.ts'

export async function planChatReply({ db, ticket, channel, body }: ReplyToPlan): Promise<PlannedReply> {
  const visitorId = await visitorOfTicket(db, ticket.id)
  if (!visitorId) throw new AppError('channel_rule', 'The visitor has not written on this ticket, so there is nobody to answer.')
  const fallbackEmail = await customerEmail(db, ticket, channel.id)
  return { request: { type: 'chat', visitorId, text: body, fallbackEmail }, body, sender: channel }
}
