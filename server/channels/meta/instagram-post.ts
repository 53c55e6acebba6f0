// Reads an Instagram media object as Graph returns it for
// `GET /{media-id}?fields=caption,media_type,media_url,thumbnail_url,permalink` into what the agent app
// shows. Pure. Meta's answer is untrusted text: lengths are capped and only https links are kept.
import { z } from 'zod'
import type { SocialPost } from '../../../shared/schema/social-post.ts'

export const instagramPostFields = 'caption,media_type,media_url,thumbnail_url,permalink'

const graphMediaSchema = z.looseObject({
  id: z.string().optional(),
  caption: z.string().optional(),
  media_type: z.string().optional(),
  media_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  permalink: z.string().optional(),
})

/** The url if it is an absolute https address, else null (no javascript:, data:, http:). */
export function httpsOnly(value: string | undefined): string | null {
  if (!value || value.length > 2048) return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.hostname ? url.href : null
  } catch {
    return null
  }
}

export function readInstagramPost(mediaId: string, body: unknown): SocialPost | null {
  const parsed = graphMediaSchema.safeParse(body)
  if (!parsed.success) return null
  const media = parsed.data
  const isVideo = media.media_type === 'VIDEO' || media.media_type === 'REELS'
  return {
    id: mediaId,
    caption: media.caption?.slice(0, 2200) ?? null,
    mediaType: media.media_type?.slice(0, 40) ?? null,
    imageUrl: httpsOnly(isVideo ? media.thumbnail_url : (media.media_url ?? media.thumbnail_url)),
    permalink: httpsOnly(media.permalink),
  }
}
