// What a send answers, and the dispatcher's port for sending: a channel's refusal (a 5xx from the mail
// server, a closed window Meta reports) is a value the agent sees, never a thrown error.
import type { OutboundRequest } from './outbound-request.ts'

export type SendOutcome = { ok: true; externalId: string } | { ok: false; transient: boolean; reason: string }

/** Sends one request through its channel; never throws for a channel's refusal. */
export type OutboundSender = (
  channelId: string,
  request: OutboundRequest,
  /** The outbound message being sent (live chat shows it to the visitor under this id). */
  context: { messageId: string },
) => Promise<SendOutcome>

/** A request of another channel's type, which this channel cannot send: final, never retried. */
export function notThisChannel(kind: string, request: OutboundRequest): SendOutcome {
  return { ok: false, transient: false, reason: `A ${request.type} request cannot be sent through a ${kind} channel.` }
}
