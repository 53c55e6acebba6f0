// Replies on a live-chat ticket: to the visitor now writing on it (its latest message names them), with
// the contact's email as the way to reach them once they have left the page.
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { visitorOfTicket } from '../channels/chat/chat-history.ts'
import type { OutboundRequest } from '../channels/outbound-request.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import type { TicketRow } from '../tickets/ticket-view.ts'

export async function planChatReply(
  db: Db,
  ticket: TicketRow,
  text: string,
): Promise<Extract<OutboundRequest, { type: 'chat' }>> {
  const visitorId = await visitorOfTicket(db, ticket.id)
  if (!visitorId) throw new AppError('channel_rule', 'The visitor has not written on this ticket, so there is nobody to answer.')
  const [contact] = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, ticket.contactId))
  return { type: 'chat', visitorId, text, fallbackEmail: contact?.email ?? null }
}
