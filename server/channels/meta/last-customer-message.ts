// Whom a Meta reply answers: the ticket's latest customer message and who sent it, as the channel named
// them. A contact may hold several ids of one kind (page-scoped ids of two pages), so the ticket's own
// delivery decides, read from the stored inbound event.
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { inboundEvents } from '../../db/schema/inbound-events.ts'
import { messages } from '../../db/schema/messages.ts'

export async function lastCustomerMessage(
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
