// Facebook Page comments (`object: "page"`, `feed` changes with `item: "comment"`): each post's comments
// are a thread of their own (`comment:<post_id>`). An added comment is a message, an edited one changes
// it, a removed one is a deletion. The Page's own replies (written on Facebook or by another tool) are
// outbound messages on the ticket of the comment they answer, so nobody answers twice; the Page's
// top-level comments answer nobody and are dropped, like hides and every other feed item (posts, likes,
// reactions), which carry nothing for an inbox.
import { facebookCommentSchema, facebookFeedChangeSchema } from './meta-comment-payload.ts'
import { metaMessageEvent } from './meta-message.ts'
import { type MetaContext, type MetaOutput, malformedItem } from './meta-normalise-context.ts'

export function normaliseFacebookComment(value: unknown, ctx: MetaContext, out: MetaOutput): void {
  const feed = facebookFeedChangeSchema.safeParse(value)
  if (!feed.success) {
    out.problems.push(malformedItem(ctx.path, feed.error, value))
    return
  }
  if (feed.data.item !== 'comment' || !['add', 'edited', 'remove'].includes(feed.data.verb ?? '')) return
  const parsed = facebookCommentSchema.safeParse(value)
  if (!parsed.success) {
    out.problems.push(malformedItem(ctx.path, parsed.error, value))
    return
  }
  const comment = parsed.data
  const at = comment.created_time ?? ctx.fallbackMs
  const target = { workspaceId: ctx.channel.workspaceId, channelId: ctx.channel.id }
  if (comment.verb === 'remove') {
    out.events.push({ type: 'deleted', ...target, externalId: comment.comment_id, at: new Date(at).toISOString() })
    return
  }
  if (comment.verb === 'edited') {
    const body = comment.message ?? ''
    out.events.push({ type: 'edited', ...target, externalId: comment.comment_id, body, at: new Date(at).toISOString() })
    return
  }
  if (!comment.from) {
    out.problems.push({ reason: 'malformed_item', detail: { path: ctx.path, issues: ['from: missing'], item: value } })
    return
  }
  // A top-level comment's parent is the post itself.
  const parent = comment.parent_id && comment.parent_id !== comment.post_id ? comment.parent_id : null
  const byPage = comment.from.id === ctx.businessId
  if (byPage && !parent) return
  const attachments = []
  if (comment.photo) attachments.push({ type: 'image' as const, url: comment.photo, name: null, mimeType: null })
  if (comment.video) attachments.push({ type: 'video' as const, url: comment.video, name: null, mimeType: null })
  out.events.push(
    metaMessageEvent(ctx, 'messenger', at, {
      externalId: comment.comment_id,
      // The Page's reply names no customer: it joins the ticket of the comment it answers.
      contact: byPage
        ? { name: null, identities: [] }
        : { name: comment.from.name ?? null, identities: [{ kind: 'messenger', value: comment.from.id }] },
      direction: byPage ? 'outbound' : 'inbound',
      subject: 'Comment on a Facebook post',
      thread: `comment:${comment.post_id}`,
      replyToExternalId: parent,
      body: comment.message ?? '',
      attachments,
      raw: value,
    }),
  )
}
