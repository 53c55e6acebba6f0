// Messenger and Instagram send the same messaging events. This file
// parses one, dispatches on the key present (never assuming `message`), and turns the kinds both products
// treat alike (unsend, delivery, reaction, edit, postback) into channel events; each product supplies the
// rest. An unsend, an edit and a reaction change the message they name; none is a message of its own.
import type { Identity } from '../../../shared/schema/contact.ts'
import type { ChannelEvent } from '../channel-event.ts'
import { metaMessageEvent } from './meta-message.ts'
import { type MetaContext, type MetaOutput, malformedItem } from './meta-normalise-context.ts'
import { type MetaMessage, type MetaMessagingEvent, metaMessagingEventSchema } from './meta-payload.ts'

export interface MessagingProduct {
  kind: 'messenger' | 'instagram'
  message(event: MetaMessagingEvent, message: MetaMessage, ctx: MetaContext, raw: unknown): ChannelEvent[]
  read(event: MetaMessagingEvent, read: NonNullable<MetaMessagingEvent['read']>, ctx: MetaContext): ChannelEvent
}

const handledKeys = ['message', 'delivery', 'read', 'reaction', 'message_edit', 'postback']
/** Events with nothing for an inbox: ad referrals, opt-ins, thread handover between apps. */
const ignoredKeys = ['referral', 'optin', 'pass_thread_control', 'take_thread_control', 'request_thread_control', 'app_roles']

export function normaliseMessagingEvent(item: unknown, ctx: MetaContext, out: MetaOutput, product: MessagingProduct): void {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const keys = Object.keys(item)
    if (!keys.some((key) => handledKeys.includes(key))) {
      if (!keys.some((key) => ignoredKeys.includes(key)))
        out.problems.push({ reason: 'unhandled_event', detail: { path: ctx.path, keys } })
      return
    }
  }
  const parsed = metaMessagingEventSchema.safeParse(item)
  if (!parsed.success) {
    out.problems.push(malformedItem(ctx.path, parsed.error, item))
    return
  }
  const event = parsed.data
  const at = event.timestamp ?? ctx.fallbackMs
  const target = { workspaceId: ctx.channel.workspaceId, channelId: ctx.channel.id }
  if (event.message?.is_deleted)
    out.events.push({ type: 'deleted', ...target, externalId: event.message.mid, at: new Date(at).toISOString() })
  else if (event.message) out.events.push(...product.message(event, event.message, ctx, item))
  else if (event.read) out.events.push(product.read(event, event.read, ctx))
  else if (event.delivery) {
    const upTo = new Date(event.delivery.watermark).toISOString()
    out.events.push({ type: 'watermark', ...target, identity: customerOf(event, ctx, product.kind), status: 'delivered', upTo })
  } else if (event.reaction) {
    const { mid, action } = event.reaction
    const emoji = action === 'unreact' ? null : (event.reaction.emoji ?? event.reaction.reaction ?? null)
    const by = isFromBusiness(event, ctx) ? 'agent' : 'contact'
    out.events.push({ type: 'reaction', ...target, externalId: mid, by, emoji, at: new Date(at).toISOString() })
  } else if (event.message_edit) {
    const { mid, text } = event.message_edit
    out.events.push({ type: 'edited', ...target, externalId: mid, body: text ?? '', at: new Date(at).toISOString() })
  } else if (event.postback) {
    const { mid, title, payload } = event.postback
    const externalId = mid ?? `postback:${event.sender.id}:${at}`
    const body = title ?? payload ?? ''
    out.events.push(messagingMessage(event, ctx, product.kind, at, { externalId, body, raw: item }))
  }
}

/** The page or account sent it (an echo) when flagged so or when the sender is the business itself. */
export function isFromBusiness(event: MetaMessagingEvent, ctx: MetaContext): boolean {
  return event.message?.is_echo === true || event.sender.id === ctx.businessId
}

/** The customer's identity: the sender, or for what the business sent, the recipient. */
export function customerOf(event: MetaMessagingEvent, ctx: MetaContext, kind: MessagingProduct['kind']): Identity {
  return { kind, value: isFromBusiness(event, ctx) ? event.recipient.id : event.sender.id }
}

type Parts = Omit<Parameters<typeof metaMessageEvent>[3], 'contact'>

/** A message of this conversation: contact and direction follow who sent it. Meta sends no names. */
export function messagingMessage(
  event: MetaMessagingEvent,
  ctx: MetaContext,
  kind: MessagingProduct['kind'],
  at: number,
  parts: Parts,
): ChannelEvent {
  return metaMessageEvent(ctx, kind, at, {
    contact: { name: null, identities: [customerOf(event, ctx, kind)] },
    direction: isFromBusiness(event, ctx) ? 'outbound' : 'inbound',
    ...parts,
  })
}
