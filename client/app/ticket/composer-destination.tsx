// The composer's line saying where what is written goes: a note to nobody outside the team; a reply on
// the ticket's channel (under a public comment, or privately to the commenter), a web-form customer's by email (to the address they gave, from the mailbox the
// server answers forms through); on a sample channel, to the built-in simulator.
import { Show } from 'solid-js'
import type { Contact } from '../../../shared/schema/contact.ts'
import type { Ticket } from '../../../shared/schema/ticket.ts'
import { channelNames } from '../ui/channel-icon.tsx'
import type { Channel } from '../workspace.ts'
import { isCommentTicket } from './comment-reply-choice.tsx'

export const isSampleChannel = (channel: Channel | undefined): boolean => channel?.config.sample === true

/**
 * The mailbox a web form's customer is answered from, as the server chooses it (plan-email-reply.ts): the
 * oldest email channel of the same kind, sample or real.
 */
function formMailbox(form: Channel | undefined, channels: readonly Channel[]): string | null {
  const mailbox = channels
    .filter((c) => c.kind === 'email' && isSampleChannel(c) === isSampleChannel(form))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]
  return mailbox ? String(mailbox.config.address) : null
}

export function ComposerDestination(props: {
  mode: 'reply' | 'note'
  /** On a comment ticket: the reply goes to the commenter by direct message, not under the comment. */
  privateReply: boolean
  ticket: Ticket
  contact: Contact | null
  channels: readonly Channel[]
}) {
  const channel = () => props.channels.find((c) => c.id === props.ticket.channelId)
  const replyLine = () => {
    if (isCommentTicket(props.ticket))
      return props.privateReply
        ? `Private message to the commenter on ${channelNames[props.ticket.channelKind]}`
        : 'Public reply under the comment'
    if (props.ticket.channelKind !== 'form') return `Goes out on ${channelNames[props.ticket.channelKind]}`
    const mailbox = formMailbox(channel(), props.channels)
    if (!mailbox) return 'By email, once an email channel is connected'
    return `By email to ${props.contact?.email ?? 'the address the customer gave'} from ${mailbox}`
  }
  return (
    <span class="composer-channel">
      <Show when={props.mode === 'reply'} fallback="Internal: only your team sees notes">
        {replyLine()}
        <Show when={isSampleChannel(channel())}> (simulated)</Show>
      </Show>
    </span>
  )
}
