// The post a comment ticket's comments are under (an Instagram media), as the agent app shows it in
// place of the post's id. Every link is https; the caption is the author's own text, shown as text.
import { z } from 'zod'

export const socialPostSchema = z.object({
  id: z.string(),
  caption: z.string().nullable(),
  /** IMAGE, VIDEO, CAROUSEL_ALBUM, as Meta names them. */
  mediaType: z.string().nullable(),
  /** A picture of the post (a video's thumbnail): https only. */
  imageUrl: z.string().nullable(),
  /** The post on Instagram: https only. */
  permalink: z.string().nullable(),
})
export type SocialPost = z.infer<typeof socialPostSchema>

/** Null when the ticket is not about a post, or Meta could not say what the post is. */
export const socialPostResponseSchema = z.object({ post: socialPostSchema.nullable() })
