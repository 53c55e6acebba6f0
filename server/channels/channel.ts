// The one interface every channel implements (STYLE.md rule 1). Inbound: a provider's payload is
// normalised into InboundMessages by a pure function; the ingest pipeline does the rest. Outbound
// sending joins this interface with the first channel that sends (the social channels).
import type { ChannelKind } from '../../shared/schema/common.ts'
import type { InboundMessage } from '../inbound/inbound-message.ts'

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
