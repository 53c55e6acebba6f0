// The one webhook of every Meta product (POST /webhooks/meta), after its signature is checked: the parsed
// body to channel events. Each entry is routed to its channel (Messenger by Page id, Instagram by account
// id, WhatsApp by phone number id) and each item is normalised alone, so an unknown product, an entry no
// channel has or a malformed item is a problem for the log, never a reason to lose the other items.
import { normaliseWhatsapp } from '../whatsapp/normalise-whatsapp.ts'
import { normaliseWhatsappAccount, whatsappAccountFields } from '../whatsapp/normalise-whatsapp-account.ts'
import type { MetaContext, MetaOutput, MetaRoute, RoutedChannel } from './meta-normalise-context.ts'
import { malformedItem } from './meta-normalise-context.ts'
import { metaChangeSchema, metaDeliverySchema, metaEntrySchema } from './meta-payload.ts'
import { normaliseFacebookComment } from './normalise-facebook-comment.ts'
import { normaliseInstagramEvent } from './normalise-instagram.ts'
import { normaliseInstagramComment } from './normalise-instagram-comment.ts'
import { normaliseMessengerEvent } from './normalise-messenger.ts'

type SocialKind = 'messenger' | 'instagram'

/** Which channel kinds an entry of each `object` may belong to, tried in order. */
const socialKindsOf: Record<string, SocialKind[]> = {
  page: ['instagram', 'messenger'], // Instagram via Facebook Login has also been seen as a Page object.
  instagram: ['instagram'],
}

/** Change fields that wrap a messaging event (the newer docs' form), besides `messaging[]`. */
const messagingFields = new Set([
  'messages',
  'message_echoes',
  'message_deliveries',
  'message_reads',
  'messaging_seen',
  'message_reactions',
  'message_edits',
  'message_deletes',
  'messaging_postbacks',
  'messaging_referral',
  'messaging_optins',
  'messaging_handover',
  'standby',
])

/**
 * Pure. Every event the delivery carries, in delivery order, and a problem (with where and why) for each
 * part that could not be used. A body that is not `{ object, entry: [] }` is one problem and no events.
 */
export function normaliseMetaDelivery(body: unknown, route: MetaRoute, receivedAt: Date): MetaOutput {
  const out: MetaOutput = { events: [], problems: [] }
  const delivery = metaDeliverySchema.safeParse(body)
  if (!delivery.success) {
    const issues = delivery.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    out.problems.push({ reason: 'malformed_body', detail: { issues } })
    return out
  }
  const { object, entry } = delivery.data
  if (object !== 'whatsapp_business_account' && !socialKindsOf[object]) {
    out.problems.push({ reason: 'unknown_object', detail: { object, entries: entry.length } })
    return out
  }
  for (const [i, item] of entry.entries()) normaliseEntry(object, item, `entry[${i}]`, route, receivedAt, out)
  return out
}

function normaliseEntry(object: string, raw: unknown, path: string, route: MetaRoute, receivedAt: Date, out: MetaOutput) {
  const parsed = metaEntrySchema.safeParse(raw)
  if (!parsed.success) {
    out.problems.push(malformedItem(path, parsed.error, raw))
    return
  }
  const entry = parsed.data
  const where = { businessId: entry.id, fallbackMs: entry.time ?? receivedAt.getTime(), path }
  const changes = entry.changes ?? (entry.field === undefined ? [] : [{ field: entry.field, value: entry.value }])
  const changePath = (j: number) => (entry.changes ? `${path}.changes[${j}]` : path)

  if (object === 'whatsapp_business_account') {
    for (const [j, item] of changes.entries()) {
      const at = { ...where, path: changePath(j) }
      const change = metaChangeSchema.safeParse(item)
      if (!change.success) out.problems.push(malformedItem(at.path, change.error, item))
      else if (change.data.field === 'messages' || change.data.field === 'smb_message_echoes')
        normaliseWhatsapp(change.data.value, route, at, out)
      else if (whatsappAccountFields.has(change.data.field))
        normaliseWhatsappAccount(change.data.field, change.data.value, route, at, out)
      else unhandledField(out, at.path, object, change.data.field)
    }
    return
  }

  const kinds = socialKindsOf[object]!
  const routed = firstRoute(kinds, entry.id, route)
  if (!routed) {
    out.problems.push({ reason: 'unroutable', detail: { path, object, kinds, routingId: entry.id } })
    return
  }
  const ctx: MetaContext = { ...where, channel: routed.channel }
  const normaliseEvent = routed.kind === 'instagram' ? normaliseInstagramEvent : normaliseMessengerEvent
  for (const key of ['messaging', 'standby'] as const)
    for (const [j, event] of (entry[key] ?? []).entries()) normaliseEvent(event, { ...ctx, path: `${path}.${key}[${j}]` }, out)
  for (const [j, item] of changes.entries()) {
    const at = { ...ctx, path: changePath(j) }
    const change = metaChangeSchema.safeParse(item)
    if (!change.success) {
      out.problems.push(malformedItem(at.path, change.error, item))
      continue
    }
    const { field, value } = change.data
    if (field === 'feed' && routed.kind === 'messenger') normaliseFacebookComment(value, at, out)
    else if ((field === 'comments' || field === 'live_comments') && routed.kind === 'instagram')
      normaliseInstagramComment(value, at, out)
    else if (messagingFields.has(field)) normaliseEvent(value, at, out)
    else unhandledField(out, at.path, object, field)
  }
}

function firstRoute(kinds: SocialKind[], routingId: string, route: MetaRoute) {
  for (const kind of kinds) {
    const channel: RoutedChannel | null = route(kind, routingId)
    if (channel) return { kind, channel }
  }
  return null
}

function unhandledField(out: MetaOutput, path: string, object: string, field: string) {
  out.problems.push({ reason: 'unhandled_field', detail: { path, object, field } })
}
