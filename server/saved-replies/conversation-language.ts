// The language a ticket's customer writes in, guessed from their latest messages: the saved-reply picker
// offers that language's variants first.
import { and, desc, eq } from 'drizzle-orm'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { messages } from '../db/schema/messages.ts'
import { detectLanguage } from '../language/detect-language.ts'
import { findVisibleTicket } from '../tickets/get-ticket.ts'

export async function conversationLanguage(db: Db, actor: Actor, ticketId: string): Promise<string | null> {
  const ticket = await findVisibleTicket(db, actor, ticketId)
  const latest = await db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.direction, 'inbound'), eq(messages.kind, 'message')))
    .orderBy(desc(messages.createdAt))
    .limit(3)
  const text = latest.map((m) => m.body).join('\n')
  return text ? detectLanguage(text) : null
}
