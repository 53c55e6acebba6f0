// Messenger and Instagram attachments to ours. Media keep their kind; shares, reels, posts, story
// mentions, templates and fallbacks become 'other' with their URL, so the agent can still open them.
// The URLs are signed CDN links that expire: fetching them is a later step's job.
import type { Attachment } from '../../../shared/schema/message.ts'
import type { MetaAttachment } from './meta-payload.ts'

const mediaTypes: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
  sticker: 'sticker',
}

export function toAttachment(attachment: MetaAttachment): Attachment {
  const type = mediaTypes[attachment.type] ?? 'other'
  const title = attachment.payload?.title ?? null
  return {
    type,
    url: attachment.payload?.url ?? null,
    // For 'other' the provider's kind is the one hint of what the link is.
    name: title ?? (type === 'other' ? attachment.type : null),
    mimeType: null,
  }
}
