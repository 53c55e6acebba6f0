// Instagram DM events (`object: "instagram"`): what Instagram does its own way
// on top of the shared messaging events. Story replies and mentions carry the story's link and say so in
// the subject; reads name one message. The customer is the IGSID.
import type { Attachment } from '../../../shared/schema/message.ts'
import { type MessagingProduct, messagingMessage, normaliseMessagingEvent } from './messaging-events.ts'
import { toAttachment } from './meta-attachment.ts'
import type { MetaContext, MetaOutput } from './meta-normalise-context.ts'

export const storyReplySubject = 'Reply to your story'
export const storyMentionSubject = 'Mentioned you in their story'

export const instagram: MessagingProduct = {
  kind: 'instagram',
  message(event, message, ctx, raw) {
    const at = event.timestamp ?? ctx.fallbackMs
    const attachments: Attachment[] = (message.attachments ?? []).map(toAttachment)
    let body = message.text || (message.is_unsupported ? '(unsupported message)' : '')
    let subject: string | null = null
    const story = message.reply_to?.story
    if (story) {
      subject = storyReplySubject
      attachments.unshift({ type: 'other', url: story.url ?? null, name: 'story', mimeType: null })
    } else if (message.attachments?.some((attachment) => attachment.type === 'story_mention')) {
      subject = storyMentionSubject
      body ||= storyMentionSubject
    }
    return [
      messagingMessage(event, ctx, 'instagram', at, {
        externalId: message.mid,
        body,
        subject,
        attachments,
        replyToExternalId: message.reply_to?.mid ?? null,
        raw,
      }),
    ]
  },
  read(event, read, ctx) {
    const target = { workspaceId: ctx.channel.workspaceId, channelId: ctx.channel.id }
    if (read.mid !== undefined) {
      const at = new Date(event.timestamp ?? ctx.fallbackMs).toISOString()
      return { type: 'status', ...target, externalId: read.mid, status: 'read', at, error: null }
    }
    const upTo = new Date(read.watermark!).toISOString()
    return { type: 'watermark', ...target, identity: { kind: 'instagram', value: event.sender.id }, status: 'read', upTo }
  },
}

/** One item of an Instagram entry's `messaging[]` or `standby[]`. */
export function normaliseInstagramEvent(item: unknown, ctx: MetaContext, out: MetaOutput): void {
  normaliseMessagingEvent(item, ctx, out, instagram)
}
