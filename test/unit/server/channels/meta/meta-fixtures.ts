// Recorded Meta deliveries (test/fixtures/meta) normalised with a fixed routing table. Every event that
// comes out is parsed with the ChannelEvent schema, so each test also checks the contract.
import { readFileSync } from 'node:fs'
import { type ChannelEvent, channelEventSchema } from '../../../../../server/channels/channel-event.ts'
import type { InboundMessage } from '../../../../../server/channels/inbound-message.ts'
import type { MetaRoute, RoutedChannel } from '../../../../../server/channels/meta/meta-normalise-context.ts'
import { normaliseMetaDelivery } from '../../../../../server/channels/meta/normalise-meta-delivery.ts'

export const receivedAt = new Date('2026-11-25T10:00:00Z')

const channels: Record<string, RoutedChannel> = {
  'messenger:102938475610293': { id: 'messenger-1', workspaceId: 'w1' },
  'messenger:200000000000002': { id: 'messenger-2', workspaceId: 'w2' },
  'instagram:17841400000000000': { id: 'instagram-1', workspaceId: 'w1' },
  'whatsapp:106540352242922': { id: 'whatsapp-1', workspaceId: 'w1' },
  'whatsapp:106540352242923': { id: 'whatsapp-2', workspaceId: 'w3' },
  'whatsapp_account:102290129340398': { id: 'whatsapp-1', workspaceId: 'w1' },
}

export const route: MetaRoute = (kind, routingId) => channels[`${kind}:${routingId}`] ?? null

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../../fixtures/meta/${name}.json`, import.meta.url), 'utf8'))
}

export function normaliseFixture(name: string, routeTo: MetaRoute = route) {
  const result = normaliseMetaDelivery(fixture(name), routeTo, receivedAt)
  for (const event of result.events) channelEventSchema.parse(event)
  return result
}

export function messagesOf(events: ChannelEvent[]): InboundMessage[] {
  return events.flatMap((event) => (event.type === 'message' ? [event.message] : []))
}
