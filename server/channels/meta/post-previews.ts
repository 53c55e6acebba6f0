// What the post of a comment ticket is (caption, picture, link), read from the Graph API and kept for
// an hour per process, so opening a ticket costs Meta one call per post, not one per view. A post Meta
// could not describe is asked again after a minute. A sample channel's post is the sample one, given
// where the server is wired.
import type { SocialPost } from '../../../shared/schema/social-post.ts'
import type { Clock } from '../../clock/clock.ts'
import type { SecretBox } from '../../security/secret-box.ts'
import type { ChannelRow } from '../channel-directory.ts'
import { isSampleChannel } from '../sample-channel.ts'
import type { GraphClient } from './graph-client.ts'
import { instagramPostFields, readInstagramPost } from './instagram-post.ts'

export interface PostPreviews {
  /** The Instagram media `mediaId` of the channel; null when Meta cannot say (no token, gone, down). */
  find(channel: ChannelRow, mediaId: string): Promise<SocialPost | null>
}

const foundForMs = 3600_000
const missingForMs = 60_000
const maxEntries = 2_000

export function createPostPreviews(deps: {
  graph: Pick<GraphClient, 'read'>
  box: SecretBox
  graphVersion: string
  clock: Clock
  /** What a sample channel's post is: the simulator's, with no call to Meta. */
  samplePost: (mediaId: string) => SocialPost
}): PostPreviews {
  const cache = new Map<string, { post: SocialPost | null; until: number }>()

  async function fetchPost(channel: ChannelRow, mediaId: string): Promise<SocialPost | null> {
    if (isSampleChannel(channel)) return deps.samplePost(mediaId)
    const secrets = channel.secrets ? (JSON.parse(deps.box.open(channel.secrets)) as Record<string, string>) : {}
    const token = secrets.accessToken ?? secrets.pageAccessToken
    if (!token) return null
    const path = `/${deps.graphVersion}/${encodeURIComponent(mediaId)}?fields=${instagramPostFields}`
    const answer = await deps.graph.read(path, token)
    return answer.ok ? readInstagramPost(mediaId, answer.body) : null
  }

  return {
    async find(channel, mediaId) {
      const key = `${channel.id}|${mediaId}`
      const now = deps.clock.now().getTime()
      const kept = cache.get(key)
      if (kept && kept.until > now) return kept.post
      const post = await fetchPost(channel, mediaId)
      cache.delete(key)
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!)
      cache.set(key, { post, until: now + (post ? foundForMs : missingForMs) })
      return post
    },
  }
}
