// Instagram comments (`comments` and `live_comments` changes): each media's
// comments are a thread of their own (`comment:<media id>`). The account's own comments come back through
// the same webhook and are dropped, so the helpdesk never answers itself.
import { instagramCommentSchema } from './meta-comment-payload.ts'
import { metaMessageEvent } from './meta-message.ts'
import { type MetaContext, type MetaOutput, malformedItem } from './meta-normalise-context.ts'

export function normaliseInstagramComment(value: unknown, ctx: MetaContext, out: MetaOutput): void {
  const parsed = instagramCommentSchema.safeParse(value)
  if (!parsed.success) {
    out.problems.push(malformedItem(ctx.path, parsed.error, value))
    return
  }
  const comment = parsed.data
  if (comment.from.id === ctx.businessId) return
  out.events.push(
    metaMessageEvent(ctx, 'instagram', ctx.fallbackMs, {
      externalId: comment.id,
      contact: { name: comment.from.username ?? null, identities: [{ kind: 'instagram', value: comment.from.id }] },
      subject: `Comment on post ${comment.media.id}`,
      thread: `comment:${comment.media.id}`,
      replyToExternalId: comment.parent_id ?? null,
      body: comment.text ?? '',
      // raw keeps media.media_product_type (FEED, REELS, AD…) and parent_id.
      raw: value,
    }),
  )
}
