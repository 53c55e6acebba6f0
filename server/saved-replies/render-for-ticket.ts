// POST /api/tickets/:id/render-saved-reply: a saved reply with its variables filled from the ticket, its
// contact, the asking agent and the order in view; what has no value stays `{{…}}` and is listed. Rendering
// is putting the reply to use, so it counts towards the reply's usage.
import { eq, sql } from 'drizzle-orm'
import { type Rendered, renderSavedReply } from '../../shared/saved-reply/render-saved-reply.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contacts } from '../db/schema/contacts.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'
import { findVisibleTicket } from '../tickets/get-ticket.ts'
import { findVisibleSavedReply } from './find-saved-reply.ts'
import { orderInView } from './order-in-view.ts'

export async function renderForTicket(
  db: Db,
  actor: Actor,
  ticketId: string,
  savedReplyId: string,
  now: Date,
): Promise<Rendered> {
  const ticket = await findVisibleTicket(db, actor, ticketId)
  const reply = await findVisibleSavedReply(db, actor, savedReplyId)
  const [contact] = await db
    .select({ name: contacts.name, email: contacts.email, phone: contacts.phone })
    .from(contacts)
    .where(eq(contacts.id, ticket.contactId))
  const order = await orderInView(db, ticket)
  const rendered = renderSavedReply(reply.body, {
    contact: contact ?? null,
    agent: { name: actor.name },
    ticket: { number: ticket.number, subject: ticket.subject },
    order,
  })
  await db
    .update(savedReplies)
    .set({ usageCount: sql`${savedReplies.usageCount} + 1`, lastUsedAt: now })
    .where(eq(savedReplies.id, reply.id))
  return rendered
}
