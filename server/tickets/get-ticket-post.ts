// The post a comment ticket is about (GET /api/tickets/:id/post), for whoever may see the ticket: the
// Instagram media of its comments; null for any other ticket (a Facebook post is not read yet).
import type { SocialPost } from '../../shared/schema/social-post.ts'
import type { Actor } from '../auth/actor.ts'
import { findChannel } from '../channels/channel-directory.ts'
import type { PostPreviews } from '../channels/meta/post-previews.ts'
import type { Db } from '../db/create-db.ts'
import { findVisibleTicket } from './get-ticket.ts'

export async function getTicketPost(db: Db, posts: PostPreviews, actor: Actor, ticketId: string): Promise<SocialPost | null> {
  const ticket = await findVisibleTicket(db, actor, ticketId)
  const mediaId = ticket.threadKey?.startsWith('comment:') ? ticket.threadKey.slice('comment:'.length) : null
  if (!mediaId) return null
  const channel = await findChannel(db, ticket.channelId)
  return channel.kind === 'instagram' ? posts.find(channel, mediaId) : null
}
