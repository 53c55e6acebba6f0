// The post the sample Instagram comments are under: what the simulator answers for it, so the sample
// data needs no Meta account. No picture or link: there is no real post to point at.
import type { SocialPost } from '../../shared/schema/social-post.ts'

export const samplePostId = 'sample-media-1'

export function samplePost(mediaId: string): SocialPost {
  return {
    id: mediaId,
    caption: 'Our autumn collection is here: the blue jacket is back in every size 🧥 (sample post)',
    mediaType: 'IMAGE',
    imageUrl: null,
    permalink: null,
  }
}
