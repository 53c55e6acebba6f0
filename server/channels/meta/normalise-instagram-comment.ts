// Instagram comments (`comments` and `live_comments` changes): each media's
// comments are a thread of their own (`comment:<media id>`). The account's own replies come back through
// the same webhook: they are outbound messages on the ticket of the comment they answer (the helpdesk's
// own replies are recognised by their id and stored once); its top-level comments answer nobody and are
// dropped.
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
  const byAccount = comment.from.id === ctx.businessId
  if (byAccount && !comment.parent_id) return
  out.events.push(
    metaMessageEvent(ctx, 'instagram', ctx.fallbackMs, {
      externalId: comment.id,
      contact: byAccount
        ? { name: null, identities: [] }
        : { name: comment.from.username ?? null, identities: [{ kind: 'instagram', value: comment.from.id }] },
      direction: byAccount ? 'outbound' : 'inbound',
      // The post itself (caption, picture, link) is shown from the Graph API: its id means nothing to a reader.
      subject: 'Comment on an Instagram post',
      thread: `comment:${comment.media.id}`,
      replyToExternalId: comment.parent_id ?? null,
      body: comment.text ?? '',
      // raw keeps media.media_product_type (FEED, REELS, AD…) and parent_id.
      raw: value,
    }),
  )
}
