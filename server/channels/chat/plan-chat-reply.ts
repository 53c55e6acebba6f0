// Replies on a live-chat ticket: to the visitor now writing on it (its latest message names them), with
// the contact's email as the way to reach them once they have left the page.
import { eq } from 'drizzle-orm'
import { AppError } from '../../../shared/errors.ts'
import { contacts } from '../../db/schema/contacts.ts'
import type { PlannedReply, ReplyToPlan } from '../reply-plan.ts'
import { visitorOfTicket } from './chat-history.ts'

export async function planChatReply({ db, ticket, channel, body }: ReplyToPlan): Promise<PlannedReply> {
  const visitorId = await visitorOfTicket(db, ticket.id)
  if (!visitorId) throw new AppError('channel_rule', 'The visitor has not written on this ticket, so there is nobody to answer.')
  const [contact] = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, ticket.contactId))
  return { request: { type: 'chat', visitorId, text: body, fallbackEmail: contact?.email ?? null }, body, sender: channel }
}
