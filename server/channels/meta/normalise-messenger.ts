// Messenger events (`object: "page"`): what Messenger does its own way on top of
// the shared messaging events. Messages carry text, attachments, quick replies (the payload stays in raw)
// and quotes; a location or a shared link without text is written out; reads are watermarks. Echoes of
// what the Page sent from another tool (another app_id, Meta's own inbox) are outbound messages. The
// customer is the PSID.

import { type MessagingProduct, messagingMessage, normaliseMessagingEvent } from './messaging-events.ts'
import { attachmentsText, toAttachment } from './meta-attachment.ts'
import type { MetaContext, MetaOutput } from './meta-normalise-context.ts'

export const messenger: MessagingProduct = {
  kind: 'messenger',
  message(event, message, ctx, raw) {
    return [
      messagingMessage(event, ctx, 'messenger', event.timestamp ?? ctx.fallbackMs, {
        externalId: message.mid,
        body: message.text || attachmentsText(message.attachments ?? []),
        attachments: (message.attachments ?? []).map(toAttachment),
        replyToExternalId: message.reply_to?.mid ?? null,
        raw,
      }),
    ]
  },
  read(event, read, ctx) {
    const target = { workspaceId: ctx.channel.workspaceId, channelId: ctx.channel.id }
    if (read.watermark !== undefined)
      return {
        type: 'watermark',
        ...target,
        identity: { kind: 'messenger', value: event.sender.id },
        status: 'read',
        upTo: new Date(read.watermark).toISOString(),
      }
    const at = new Date(event.timestamp ?? ctx.fallbackMs).toISOString()
    return { type: 'status', ...target, externalId: read.mid!, status: 'read', at, error: null }
  },
}

/** One item of a Page entry's `messaging[]` or `standby[]`. */
export function normaliseMessengerEvent(item: unknown, ctx: MetaContext, out: MetaOutput): void {
  normaliseMessagingEvent(item, ctx, out, messenger)
}
