// Sends a `chat` outbound request: to the visitor's open widget at once. A visitor who is gone finds the
// reply in their history on the next visit; one who left an email gets it by mail instead (the chat
// adapter falls back to chat-email-fallback.ts when this answers not ok).
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/create-db.ts'
import { agents } from '../../db/schema/agents.ts'
import { messages } from '../../db/schema/messages.ts'
import type { OutboundRequest } from '../outbound-request.ts'
import type { SendOutcome } from '../send-outcome.ts'
import type { ChatHub } from './chat-hub.ts'

export async function sendChat(
  db: Db,
  hub: Pick<ChatHub, 'deliver'>,
  request: Extract<OutboundRequest, { type: 'chat' }>,
  messageId: string,
): Promise<SendOutcome> {
  const [row] = await db
    .select({ createdAt: messages.createdAt, agentName: agents.name })
    .from(messages)
    .leftJoin(agents, and(eq(messages.authorType, 'agent'), eq(agents.id, messages.authorId)))
    .where(eq(messages.id, messageId))
  const externalId = `chat:${messageId}`
  const delivered = hub.deliver(request.visitorId, {
    type: 'message',
    id: messageId,
    direction: 'outbound',
    text: request.text,
    at: (row?.createdAt ?? new Date()).toISOString(),
    authorName: row?.agentName ?? null,
  })
  if (delivered) return { ok: true, externalId }
  if (request.fallbackEmail) return { ok: false, transient: false, reason: 'The visitor has left.' }
  return { ok: true, externalId }
}
