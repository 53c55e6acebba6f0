// Facebook Page comments (`object: "page"`, `feed` changes with `item: "comment"`): each post's comments
// are a thread of their own (`comment:<post_id>`). An added comment is a message, a removed one a
// deletion; edits, hides and the Page's own comments are dropped, and so is every other feed item
// (posts, likes, reactions), which carry nothing for an inbox.
import { facebookCommentSchema, facebookFeedChangeSchema } from './meta-comment-payload.ts'
import { metaMessageEvent } from './meta-message.ts'
import { type MetaContext, type MetaOutput, malformedItem } from './meta-normalise-context.ts'

export function normaliseFacebookComment(value: unknown, ctx: MetaContext, out: MetaOutput): void {
  const feed = facebookFeedChangeSchema.safeParse(value)
  if (!feed.success) {
    out.problems.push(malformedItem(ctx.path, feed.error, value))
    return
  }
  if (feed.data.item !== 'comment' || (feed.data.verb !== 'add' && feed.data.verb !== 'remove')) return
  const parsed = facebookCommentSchema.safeParse(value)
  if (!parsed.success) {
    out.problems.push(malformedItem(ctx.path, parsed.error, value))
    return
  }
  const comment = parsed.data
  const at = comment.created_time ?? ctx.fallbackMs
  if (comment.verb === 'remove') {
    const target = { workspaceId: ctx.channel.workspaceId, channelId: ctx.channel.id }
    out.events.push({ type: 'deleted', ...target, externalId: comment.comment_id, at: new Date(at).toISOString() })
    return
  }
  if (!comment.from) {
    out.problems.push({ reason: 'malformed_item', detail: { path: ctx.path, issues: ['from: missing'], item: value } })
    return
  }
  if (comment.from.id === ctx.businessId) return
  const attachments = []
  if (comment.photo) attachments.push({ type: 'image' as const, url: comment.photo, name: null, mimeType: null })
  if (comment.video) attachments.push({ type: 'video' as const, url: comment.video, name: null, mimeType: null })
  out.events.push(
    metaMessageEvent(ctx, 'messenger', at, {
      externalId: comment.comment_id,
      contact: { name: comment.from.name ?? null, identities: [{ kind: 'messenger', value: comment.from.id }] },
      subject: `Comment on post ${comment.post_id}`,
      thread: `comment:${comment.post_id}`,
      // A top-level comment's parent is the post itself.
      replyToExternalId: comment.parent_id && comment.parent_id !== comment.post_id ? comment.parent_id : null,
      body: comment.message ?? '',
      attachments,
      raw: value,
    }),
  )
}
