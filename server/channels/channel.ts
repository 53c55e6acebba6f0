// The one interface every channel implements (STYLE.md rule 1). Inbound: a provider's payload is
// normalised into InboundMessages by a pure function; the ingest pipeline does the rest. Outbound
// sending joins this interface with the first channel that sends (the social channels).
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { InboundMessage } from './inbound-message.ts'
import type { OutboundRequest } from './outbound-request.ts'

export interface ChannelRef {
  id: string
  workspaceId: string
  kind: ChannelKind
}

export interface ChannelAdapter<Payload> {
  readonly kind: ChannelKind
  /** Pure: the provider's payload as received, to the messages it carries. */
  normalise(payload: Payload, channel: ChannelRef, receivedAt: Date): InboundMessage[]
}

export type SendOutcome = { ok: true; externalId: string } | { ok: false; transient: boolean; reason: string }

/** Sends one request through its channel; never throws for a channel's refusal. */
export type OutboundSender = (
  channelId: string,
  request: OutboundRequest,
  /** The outbound message being sent (live chat shows it to the visitor under this id). */
  context: { messageId: string },
) => Promise<SendOutcome>
