// What a visitor may read: the messages they wrote and the messages sent to them, on this channel, and
// nothing else. The contact's tickets narrow the search (indexed); the per-message test is what keeps a
// conversation private even when contacts are joined (an email typed by a stranger, a merge by hand),
// since a joined ticket may hold another visitor's lines. Notes and events are never messages here.
import { and, desc, eq, sql } from 'drizzle-orm'
import type { ChatEntry } from '../../../shared/protocol/chat.ts'
import type { Db } from '../../db/create-db.ts'
import { agents } from '../../db/schema/agents.ts'
import { contactIdentities } from '../../db/schema/contacts.ts'
import { messages } from '../../db/schema/messages.ts'
import { outbox } from '../../db/schema/outbox.ts'
import { tickets } from '../../db/schema/tickets.ts'
import type { ChannelRef } from '../inbound-message.ts'

export const historyLimit = 100

/** The visitor's last messages on the channel, oldest first. */
export async function visitorHistory(db: Db, channel: ChannelRef, visitorId: string): Promise<ChatEntry[]> {
  const writtenByVisitor = sql`(${messages.direction} = 'inbound' and ${messages.externalId} like ${`${visitorId}:%`})`
  const sentToVisitor = sql`(${messages.direction} = 'outbound' and ${messages.status} <> 'failed' and exists (
    select 1 from ${outbox} where ${outbox.messageId} = ${messages.id} and ${outbox.request} ->> 'visitorId' = ${visitorId}))`
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      body: messages.body,
      createdAt: messages.createdAt,
      agentName: agents.name,
    })
    .from(contactIdentities)
    .innerJoin(tickets, and(eq(tickets.contactId, contactIdentities.contactId), eq(tickets.channelId, channel.id)))
    .innerJoin(messages, and(eq(messages.ticketId, tickets.id), eq(messages.kind, 'message')))
    .leftJoin(agents, and(eq(messages.authorType, 'agent'), eq(agents.id, messages.authorId)))
    .where(
      and(
        eq(contactIdentities.workspaceId, channel.workspaceId),
        eq(contactIdentities.kind, 'chat'),
        eq(contactIdentities.value, visitorId),
        sql`(${writtenByVisitor} or ${sentToVisitor})`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(historyLimit)
  return rows.reverse().map((row) => ({
    id: row.id,
    direction: row.direction ?? 'inbound',
    text: row.body,
    at: row.createdAt.toISOString(),
    authorName: row.agentName,
  }))
}

/** The visitor now writing on a chat ticket: the one of its latest message (null if none wrote). */
export async function visitorOfTicket(db: Db, ticketId: string): Promise<string | null> {
  const [last] = await db
    .select({ externalId: messages.externalId })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(and(eq(messages.ticketId, ticketId), eq(messages.direction, 'inbound'), eq(tickets.channelKind, 'chat')))
    .orderBy(desc(messages.createdAt))
    .limit(1)
  const visitorId = last?.externalId?.split(':')[0]
  return visitorId || null
}
