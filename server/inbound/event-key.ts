// The key a channel event is stored and deduplicated under in inbound_events, unique per channel:
// a message by its own id (or its delivery key, where the id alone may be reused); a status by the message it reports on and the status (each counts once).
import type { ChannelEvent } from '../channels/channel-event.ts'

export function eventKey(event: ChannelEvent): string {
  switch (event.type) {
    case 'message':
      return event.message.deliveryKey ?? event.message.externalId
    case 'status':
      return `status:${event.status}:${event.externalId}`
    case 'watermark':
      return `watermark:${event.status}:${event.identity.kind}:${event.identity.value}:${event.upTo}`
    case 'deleted':
      return `deleted:${event.externalId}`
    case 'bounce':
      // Each report counts once: another report on the same mail (a delay, then the failure) is news.
      return event.report
        ? `bounce:${event.externalId}|${event.report.deliveryKey ?? event.report.externalId}`
        : `bounce:${event.externalId}`
    case 'edited':
      return `edited:${event.at}:${event.externalId}`
    case 'reaction':
      return `reaction:${event.by}:${event.at}:${event.externalId}`
    case 'identity_changed':
      return `identity:${event.from.kind}:${event.from.value}:${event.to.value}`
    case 'preference':
      return `preference:${event.category}:${event.identity.kind}:${event.identity.value}:${event.at}`
    case 'account_notice':
      return `account:${event.key}`
  }
}

/** The channel an event belongs to, whatever its type. */
export function eventTarget(event: ChannelEvent): { workspaceId: string; channelId: string } {
  return event.type === 'message' ? event.message : event
}
