// Messenger and Instagram attachments to ours. Media keep their kind; a location keeps its coordinates
// (as a geo: URL); shares, reels, posts, story mentions, templates and fallbacks (shared links) become
// 'other' with their URL and title, so the agent can still open them. The URLs are signed CDN links
// that expire: fetching them is a later step's job.
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
  const title = attachment.payload?.title ?? attachment.title ?? null
  const coordinates = attachment.payload?.coordinates
  if (attachment.type === 'location' && coordinates)
    return { type: 'location', url: `geo:${coordinates.lat},${coordinates.long}`, name: title ?? 'Location', mimeType: null }
  const type = mediaTypes[attachment.type] ?? 'other'
  return {
    type,
    url: attachment.payload?.url ?? attachment.url ?? null,
    // For 'other' the provider's kind is the one hint of what the link is.
    name: title ?? (type === 'other' ? attachment.type : null),
    mimeType: null,
  }
}

/** Text for a message that has none but a location or a shared link: what the thread and the list show. */
export function attachmentsText(attachments: readonly MetaAttachment[]): string {
  return attachments
    .flatMap((attachment) => {
      const title = attachment.payload?.title ?? attachment.title
      const coordinates = attachment.payload?.coordinates
      if (attachment.type === 'location' && coordinates)
        return [`📍 ${title ?? 'Location'} (${coordinates.lat}, ${coordinates.long})`]
      const url = attachment.payload?.url ?? attachment.url
      if (attachment.type === 'fallback' && url) return [title ? `🔗 ${title}: ${url}` : `🔗 ${url}`]
      return []
    })
    .join('\n')
}
