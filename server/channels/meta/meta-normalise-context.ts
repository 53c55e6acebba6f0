// What the per-product Meta normalisers share: the channel an item was routed to, where the item sits in
// the delivery, and the output they append to (events, and problems for the log, which never stop the
// other items of a delivery).
import type { z } from 'zod'
import type { ChannelEvent } from '../channel-event.ts'

export type MetaChannelKind = 'messenger' | 'instagram' | 'whatsapp'

export interface RoutedChannel {
  id: string
  workspaceId: string
}

/** What a routing id names: a channel's own id, or (`whatsapp_account`) a WhatsApp business account. */
export type MetaRouteKind = MetaChannelKind | 'whatsapp_account'

/**
 * The channel of `kind` whose routing id (Page id, Instagram account id, WhatsApp phone number id) this
 * is; for `whatsapp_account`, the first WhatsApp channel of that business account (WABA id).
 */
export type MetaRoute = (kind: MetaRouteKind, routingId: string) => RoutedChannel | null

export const metaProblemReasons = [
  'malformed_body',
  'unknown_object',
  'unroutable',
  'malformed_item',
  'unhandled_field',
  'unhandled_event',
  'unhandled_status',
  'provider_error',
] as const
export type MetaProblemReason = (typeof metaProblemReasons)[number]

export interface MetaProblem {
  reason: MetaProblemReason
  detail: unknown
}

export interface MetaOutput {
  events: ChannelEvent[]
  problems: MetaProblem[]
}

export interface MetaContext {
  channel: RoutedChannel
  /** entry.id: the Page or Instagram account the delivery is for (the WABA id for WhatsApp). */
  businessId: string
  /** The time of events that carry none: the entry's time, else when the delivery came (epoch ms). */
  fallbackMs: number
  /** Where the current item sits in the delivery, e.g. `entry[0].messaging[1]`. */
  path: string
}

/** A problem for an item its schema refused: the issues, where it sits, and the item itself. */
export function malformedItem(path: string, error: z.ZodError, item: unknown): MetaProblem {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`)
  return { reason: 'malformed_item', detail: { path, issues, item } }
}
