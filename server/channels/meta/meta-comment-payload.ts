// The wire shapes of public comments: Facebook Page comments arrive as
// `feed` changes of a Page, Instagram comments as `comments` / `live_comments` changes. Lenient like
// meta-payload.ts: unknown keys pass, ids may be numbers.
import { z } from 'zod'
import { metaIdSchema, metaTimeSchema, metaUrlSchema } from './meta-payload.ts'

/** Any `feed` change: posts, likes, reactions and comments share the field; only comments matter here. */
export const facebookFeedChangeSchema = z.looseObject({ item: z.string().optional(), verb: z.string().optional() })

export const facebookCommentSchema = z.looseObject({
  item: z.literal('comment'),
  /** add | edited | remove | hide | unhide */
  verb: z.string(),
  comment_id: metaIdSchema,
  post_id: metaIdSchema,
  /** The post id for a top-level comment, the parent comment's id for a reply. */
  parent_id: metaIdSchema.optional(),
  /** Meta may leave the author out (privacy); a comment added without one cannot be attributed. */
  from: z.looseObject({ id: metaIdSchema, name: z.string().optional() }).optional(),
  message: z.string().optional(),
  created_time: metaTimeSchema.optional().catch(undefined),
  photo: metaUrlSchema,
  video: metaUrlSchema,
})
export type FacebookComment = z.infer<typeof facebookCommentSchema>

export const instagramCommentSchema = z.looseObject({
  id: metaIdSchema,
  text: z.string().optional(),
  from: z.looseObject({ id: metaIdSchema, username: z.string().optional() }),
  media: z.looseObject({ id: metaIdSchema, media_product_type: z.string().optional() }),
  /** Present only when the comment replies to another comment. */
  parent_id: metaIdSchema.optional(),
})
export type InstagramComment = z.infer<typeof instagramCommentSchema>
