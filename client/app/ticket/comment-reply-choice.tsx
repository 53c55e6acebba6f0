// On a ticket of public comments (Instagram, a Facebook Page post), a reply goes public under the
// comment. "Reply privately" sends it as a direct message to the commenter instead, which Meta allows
// once per comment and within 7 days of it (the Private Replies API); past either, the control is
// disabled and says why. The server checks the same rules (plan-meta-reply.ts).
import { createEffect, Show } from 'solid-js'
import type { Message } from '../../../shared/schema/message.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'

const privateReplyWindowMs = 7 * 24 * 3600_000

export const isCommentTicket = (ticket: Ticket): boolean =>
  (ticket.channelKind === 'instagram' || ticket.channelKind === 'messenger') && !!ticket.threadKey?.startsWith('comment:')

/** Why a private reply to the latest comment is not possible now; null when it is. */
export function privateReplyRefusal(ticket: Ticket, messages: readonly Message[], now: number): string | null {
  const comment = messages.filter((m) => m.direction === 'inbound' && m.kind === 'message').at(-1)
  if (!comment?.externalId) return 'There is no comment to answer privately yet.'
  const answered = messages.some(
    (m) => m.direction === 'outbound' && m.privateReplyTo === comment.externalId && m.status !== 'failed',
  )
  if (answered) return 'This comment has had its one private reply (Meta allows one per comment).'
  const commentedAt = Date.parse(ticket.lastCustomerMessageAt ?? comment.createdAt)
  if (now - commentedAt > privateReplyWindowMs)
    return 'Meta allows a private reply within 7 days of the comment; this one is older.'
  return null
}

export function CommentReplyChoice(props: {
  ticket: Ticket
  messages: readonly Message[]
  now: number
  privateReply: boolean
  onChange: (privateReply: boolean) => void
}) {
  const refusal = () => privateReplyRefusal(props.ticket, props.messages, props.now)
  createEffect(() => {
    if (refusal() && props.privateReply) props.onChange(false)
  })
  return (
    <Show when={isCommentTicket(props.ticket)}>
      <div class="comment-reply-choice">
        <label classList={{ disabled: !!refusal() }}>
          <input
            type="checkbox"
            checked={props.privateReply}
            disabled={!!refusal()}
            aria-describedby={refusal() ? `private-reply-refusal-${props.ticket.id}` : undefined}
            onChange={(e) => props.onChange(e.currentTarget.checked)}
          />{' '}
          Reply privately
        </label>
        <Show when={refusal()}>
          {(reason) => (
            <span class="muted" id={`private-reply-refusal-${props.ticket.id}`}>
              {reason()}
            </span>
          )}
        </Show>
      </div>
    </Show>
  )
}
