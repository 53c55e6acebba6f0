// Nobody answers a customer twice: before a reply goes out, a colleague typing in the ticket's shared
// document, or a colleague's reply sent after the newest message the sender saw, answers 409
// reply_conflict with who and what, so the sender can look and then confirm.
import { and, eq, gt, ne } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { PresentAgent } from '../../shared/schema/presence.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { agents } from '../db/schema/agents.ts'
import { messages } from '../db/schema/messages.ts'

export async function assertNoReplyConflict(
  db: Db,
  actor: Actor,
  ticketId: string,
  lastSeenMessageId: string | undefined,
  present: readonly PresentAgent[],
): Promise<void> {
  const typing = present.filter((agent) => agent.typing && agent.id !== actor.agentId).map(({ id, name }) => ({ id, name }))
  const replies = lastSeenMessageId ? await repliesSince(db, actor, ticketId, lastSeenMessageId) : []
  if (typing.length === 0 && replies.length === 0) return
  const who = [
    ...typing.map((agent) => `${agent.name} is typing a reply`),
    ...replies.map((reply) => `${reply.authorName} replied at ${reply.createdAt}`),
  ].join('; ')
  throw new AppError('reply_conflict', `${who}. Send again with confirm: true to send anyway.`, { typing, replies })
}

async function repliesSince(db: Db, actor: Actor, ticketId: string, lastSeenMessageId: string) {
  const [seen] = await db
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.id, lastSeenMessageId), eq(messages.ticketId, ticketId)))
  if (!seen) {
    throw new AppError('invalid_input', 'lastSeenMessageId is no message of this ticket.', [
      { path: 'lastSeenMessageId', message: 'No message of this ticket' },
    ])
  }
  const rows = await db
    .select({
      id: messages.id,
      authorId: messages.authorId,
      authorName: agents.name,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(agents, eq(agents.id, messages.authorId))
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.kind, 'message'),
        eq(messages.direction, 'outbound'),
        eq(messages.authorType, 'agent'),
        ne(messages.authorId, actor.agentId),
        gt(messages.createdAt, seen.createdAt),
      ),
    )
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }))
}
