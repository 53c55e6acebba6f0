// Loads the sample conversations through the same ingest as real channels (identity, threading,
// tickets, audit, live sync), on sample channels of every kind. Loading twice stores them once: each
// message's external id is fixed.

import type { Actor } from '../auth/actor.ts'
import type { ChannelEvent } from '../channels/channel-event.ts'
import { inboundMessage } from '../channels/inbound-message.ts'
import type { Db } from '../db/create-db.ts'
import type { IngestQueue } from '../inbound/ingest-queue.ts'
import type { SecretBox } from '../security/secret-box.ts'
import { ensureSampleChannels } from './sample-channels.ts'
import { sampleConversations } from './sample-conversations.ts'

export async function loadSampleData(
  deps: { db: Db; box: SecretBox; ingest: IngestQueue; publicUrl: string },
  actor: Actor,
  now: Date,
): Promise<{ tickets: number }> {
  const channelsByKind = await ensureSampleChannels(deps.db, deps.box, actor, deps.publicUrl, now)
  const tickets = new Set<string>()
  for (const [index, conversation] of sampleConversations.entries()) {
    const channel = channelsByKind.get(conversation.kind)!
    for (const [position, body] of conversation.messages.entries()) {
      // Spread over the last hours, so the inbox shows different waiting times.
      const sentAt = new Date(now.getTime() - (sampleConversations.length - index) * 37 * 60_000 + position * 60_000)
      const event: ChannelEvent = {
        type: 'message',
        message: inboundMessage({
          workspaceId: actor.workspaceId,
          channelId: channel.id,
          channelKind: conversation.kind,
          externalId: `sample-${index}-${position}`,
          sentAt: sentAt.toISOString(),
          receivedAt: sentAt.toISOString(),
          contact: { name: conversation.customer, identities: conversation.identities },
          subject: conversation.subject,
          thread: conversation.thread ?? null,
          body,
          raw: { sample: true },
        }),
      }
      const result = await deps.ingest.submit(event)
      if (result.ticketId) tickets.add(result.ticketId)
    }
  }
  return { tickets: tickets.size }
}
