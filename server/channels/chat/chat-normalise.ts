// The live-chat channel's normaliser: one visitor message, as the socket received it, to the one
// InboundMessage the ingest takes. Pure. The visitor id comes first among the identities, so the
// visitor's own contact wins over the one an email would point to, and the reply planner finds it.
import type { Identity } from '../../../shared/schema/contact.ts'
import { visitorLabel } from '../../../shared/visitor-label.ts'
import { type ChannelRef, type InboundMessage, inboundMessage } from '../inbound-message.ts'

export interface ChatDelivery {
  /** sha256 of the visitor's token (visitor-token.ts). */
  visitorId: string
  /** The widget's id for the message: resent after a reconnect, it is stored once. */
  clientId: string
  text: string
  /** What the visitor left in the widget, if anything. */
  name: string | null
  email: string | null
}

export function normaliseChat(delivery: ChatDelivery, channel: ChannelRef, receivedAt: Date): InboundMessage[] {
  const identities: Identity[] = [{ kind: 'chat', value: delivery.visitorId }]
  if (delivery.email) identities.push({ kind: 'email', value: delivery.email })
  return [
    inboundMessage({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: 'chat',
      externalId: `${delivery.visitorId}:${delivery.clientId}`,
      sentAt: receivedAt.toISOString(),
      // Without a name the contact is "Visitor 4F2A", not its hash; a name given later replaces it.
      contact: { name: delivery.name ?? visitorLabel(delivery.visitorId), identities },
      subject: delivery.text.split('\n')[0]!.trim().slice(0, 120),
      body: delivery.text,
      raw: { clientId: delivery.clientId, text: delivery.text, name: delivery.name, email: delivery.email },
    }),
  ]
}
