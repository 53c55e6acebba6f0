// The post a comment ticket is about, in place of its id: its picture, caption and a link to it on
// Instagram, as the server read them from the Graph API (links are https only; the caption is text).
import { createResource, Show } from 'solid-js'
import { socialPostResponseSchema } from '../../../shared/schema/social-post.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import { isCommentTicket } from './comment-reply-choice.tsx'

export function PostPreview(props: { ticket: Ticket }) {
  const [post] = createResource(
    () => (isCommentTicket(props.ticket) && props.ticket.channelKind === 'instagram' ? props.ticket.id : null),
    (ticketId) =>
      api(socialPostResponseSchema, 'GET', `/api/tickets/${ticketId}/post`).then(
        (r) => r.post,
        () => null,
      ),
  )
  return (
    <Show when={post()}>
      {(p) => (
        <figure class="post-preview" aria-label="The post">
          <Show when={p().imageUrl}>
            {(src) => (
              <img src={src()} alt="The commented post" width="64" height="64" loading="lazy" referrerPolicy="no-referrer" />
            )}
          </Show>
          <figcaption>
            <span class="post-caption">{p().caption ?? 'A post without a caption'}</span>
            <Show when={p().permalink}>
              {(href) => (
                <a href={href()} target="_blank" rel="noopener noreferrer">
                  View the post on Instagram
                </a>
              )}
            </Show>
          </figcaption>
        </figure>
      )}
    </Show>
  )
}
