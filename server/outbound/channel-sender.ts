// The OutboundSender of the dispatcher: finds the channel, opens its sealed token, and makes the
// channel's call: mail through SMTP, the social channels through the Graph API.

import { inArray } from 'drizzle-orm'
import type { OutboundSender, SendOutcome } from '../channels/channel.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { ChatHub } from '../channels/chat/chat-hub.ts'
import { sendChat } from '../channels/chat/chat-sender.ts'
import type { EmailSender, OutgoingAttachment } from '../channels/email/email-sender.ts'
import type { GraphClient } from '../channels/meta/graph-client.ts'
import { graphCallFor } from '../channels/meta/graph-request.ts'
import type { OutboundRequest } from '../channels/outbound-request.ts'
import type { Db } from '../db/create-db.ts'
import { attachments } from '../db/schema/attachments.ts'
import type { SecretBox } from '../security/secret-box.ts'
import { sendChatByEmail } from './chat-email-fallback.ts'

export function createChannelSender(deps: {
  db: Db
  box: SecretBox
  graph: GraphClient
  graphVersion: string
  email: EmailSender
  chat: Pick<ChatHub, 'deliver'>
}): OutboundSender {
  return async (channelId, request, { messageId }) => {
    if (request.type === 'email') return deps.email(request, await storedFiles(deps.db, request.attachmentIds))
    if (request.type === 'chat') {
      const live = await sendChat(deps.db, deps.chat, request, messageId)
      return live.ok || !request.fallbackEmail ? live : sendChatByEmail(deps.db, deps.email, request, messageId)
    }
    const channel = await findChannel(deps.db, channelId)
    if (channel.kind !== 'messenger' && channel.kind !== 'instagram' && channel.kind !== 'whatsapp') {
      return { ok: false, transient: false, reason: `The ${channel.kind} channel cannot send yet.` }
    }
    const secrets = channel.secrets ? (JSON.parse(deps.box.open(channel.secrets)) as Record<string, string>) : {}
    const token = secrets.pageAccessToken ?? secrets.accessToken
    if (!token) return { ok: false, transient: false, reason: 'The channel has no access token.' }
    const result = await deps.graph.send(
      graphCallFor(request, { kind: channel.kind, config: channel.config, token }, deps.graphVersion),
    )
    if (!result.ok) return { ok: false, transient: result.transient, reason: result.reason }
    return sentId(request, result.body)
  }
}

/** The id Meta gave the sent message, where each API puts it (reference §5.3-5.5, §7). */
function sentId(request: OutboundRequest, body: Record<string, unknown>): SendOutcome {
  const whatsappId = (body.messages as { id?: unknown }[] | undefined)?.[0]?.id
  const id = request.type === 'whatsapp' ? whatsappId : request.type === 'comment_reply' ? body.id : body.message_id
  return typeof id === 'string' && id
    ? { ok: true, externalId: id }
    : { ok: false, transient: false, reason: 'Meta answered without a message id; the message may not have been sent.' }
}

/** The stored files an email carries. */
async function storedFiles(db: Db, ids: readonly string[]): Promise<OutgoingAttachment[]> {
  if (!ids.length) return []
  const rows = await db
    .select({ id: attachments.id, name: attachments.fileName, mimeType: attachments.mimeType, bytes: attachments.bytes })
    .from(attachments)
    .where(inArray(attachments.id, [...ids]))
  return ids.flatMap((id) => {
    const row = rows.find((r) => r.id === id)
    return row ? [{ filename: row.name ?? 'file', contentType: row.mimeType, content: Buffer.from(row.bytes) }] : []
  })
}
