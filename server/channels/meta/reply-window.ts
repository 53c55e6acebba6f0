// The messaging windows of the social channels, counted from the customer's last
// message as the channel timestamped it:
// - WhatsApp: free-form for 24 hours, then approved templates only;
// - Messenger and Instagram: free-form for 24 hours, then a human agent's reply with the HUMAN_AGENT
//   tag for up to 7 days, then nothing;
// - a public reply to a comment has no window; a private reply to a comment, once, within 7 days.
import type { ChannelKind } from '../../../shared/schema/common.ts'

const hour = 3_600_000
const freeWindow = 24 * hour
const humanAgentWindow = 7 * 24 * hour

export type ReplyMode =
  /** Inside the window: an ordinary reply. */
  | 'response'
  /** Messenger/Instagram after 24 h: tagged as a human agent's reply. */
  | 'human_agent'
  /** WhatsApp after 24 h: only a template. */
  | 'template_only'
  /** Nothing may be sent. */
  | 'closed'
  /** Channels without a window (email, chat, forms, public comment replies). */
  | 'unrestricted'

export function replyMode(kind: ChannelKind, lastCustomerMessageAt: Date | null, now: Date): ReplyMode {
  if (kind !== 'whatsapp' && kind !== 'messenger' && kind !== 'instagram') return 'unrestricted'
  if (!lastCustomerMessageAt) return kind === 'whatsapp' ? 'template_only' : 'closed'
  const age = now.getTime() - lastCustomerMessageAt.getTime()
  if (age <= freeWindow) return 'response'
  if (kind === 'whatsapp') return 'template_only'
  return age <= humanAgentWindow ? 'human_agent' : 'closed'
}

/** When the free-form window closes (null where no window applies): what the ticket API shows. */
export function replyWindowClosesAt(kind: ChannelKind, lastCustomerMessageAt: Date | null): Date | null {
  if (kind !== 'whatsapp' && kind !== 'messenger' && kind !== 'instagram') return null
  return lastCustomerMessageAt ? new Date(lastCustomerMessageAt.getTime() + freeWindow) : null
}

/** Messenger and Instagram: the end of the human-agent window. */
export function humanAgentWindowClosesAt(kind: ChannelKind, lastCustomerMessageAt: Date | null): Date | null {
  if (kind !== 'messenger' && kind !== 'instagram') return null
  return lastCustomerMessageAt ? new Date(lastCustomerMessageAt.getTime() + humanAgentWindow) : null
}

/** A private reply to a comment is allowed within 7 days of the comment. */
export function privateReplyAllowed(commentAt: Date, now: Date): boolean {
  return now.getTime() - commentAt.getTime() <= humanAgentWindow
}
