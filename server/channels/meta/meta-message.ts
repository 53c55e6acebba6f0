// The `message` event of a Meta product, with what all of them share filled in: the routed channel, an
// ISO sent time, no HTML, and by default the direct thread, inbound, no subject, no quote.

import type { ChannelEvent } from '../channel-event.ts'
import { type InboundMessage, inboundMessage } from '../inbound-message.ts'
import type { MetaChannelKind, MetaContext } from './meta-normalise-context.ts'

type MessageParts = Pick<InboundMessage, 'externalId' | 'contact' | 'body' | 'raw'> &
  Partial<Pick<InboundMessage, 'subject' | 'thread' | 'direction' | 'replyToExternalId' | 'attachments'>>

export function metaMessageEvent(
  ctx: MetaContext,
  channelKind: MetaChannelKind,
  sentAtMs: number,
  parts: MessageParts,
): ChannelEvent {
  return {
    type: 'message',
    message: inboundMessage({
      workspaceId: ctx.channel.workspaceId,
      channelId: ctx.channel.id,
      channelKind,
      sentAt: new Date(sentAtMs).toISOString(),
      ...parts,
    }),
  }
}
