// Instagram media objects as `GET /{v}/{media-id}?fields=caption,media_type,…` answers them: only the
// fields asked for, and `id`, the way Graph answers a field list.
import type { GraphAnswer } from './graph-request.ts'

/** An IG Media's fields as Graph names them. */
export interface InstagramMedia {
  caption?: string
  media_type?: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM'
  media_url?: string
  thumbnail_url?: string
  permalink?: string
}

export interface PostStore {
  add(id: string, media: InstagramMedia): void
  has(id: string): boolean
  /** The media's requested fields (a comma-separated list; Graph's default is `id` alone). */
  describe(id: string, fields: string | undefined): GraphAnswer
}

export function createPostStore(): PostStore {
  const posts = new Map<string, InstagramMedia>()
  return {
    add: (id, media) => posts.set(id, media),
    has: (id) => posts.has(id),
    describe(id, fields) {
      const media = posts.get(id) ?? {}
      const asked = (fields ?? '').split(',').map((f) => f.trim())
      const body: Record<string, unknown> = { id }
      for (const [field, value] of Object.entries(media)) if (asked.includes(field)) body[field] = value
      return { status: 200, body }
    },
  }
}
