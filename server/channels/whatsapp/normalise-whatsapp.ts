// One WhatsApp `messages` or `smb_message_echoes` change value to channel events: messages from
// customers, echoes of what the business sent from the WhatsApp Business app (outbound, on the
// customer's ticket), edits, revokes and reactions of earlier messages, number changes, statuses of what
// we sent, and system errors as problems. Routed by the value's phone_number_id (entry.id is the WABA,
// which may hold several numbers).
import type { Identity } from '../../../shared/schema/contact.ts'
import type { ChannelEvent } from '../channel-event.ts'
import { metaMessageEvent } from '../meta/meta-message.ts'
import { type MetaContext, type MetaOutput, type MetaRoute, malformedItem } from '../meta/meta-normalise-context.ts'
import { describeWhatsappError, whatsappContent } from './whatsapp-message-content.ts'
import {
  type WhatsappContact,
  type WhatsappMessage,
  type WhatsappStatus,
  whatsappContactSchema,
  whatsappMessageSchema,
  whatsappStatusSchema,
  whatsappValueSchema,
} from './whatsapp-payload.ts'

type Where = Omit<MetaContext, 'channel'>

/** Meta's statuses to ours; `played` (a voice message was listened to) counts as read. */
const statusOf: Record<string, 'sent' | 'delivered' | 'read' | 'failed'> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  played: 'read',
  failed: 'failed',
}
const numberChanges = new Set(['user_changed_number', 'customer_changed_number'])

export function normaliseWhatsapp(value: unknown, route: MetaRoute, where: Where, out: MetaOutput): void {
  const parsed = whatsappValueSchema.safeParse(value)
  if (!parsed.success) {
    out.problems.push(malformedItem(where.path, parsed.error, value))
    return
  }
  const { metadata, errors, contacts = [], messages = [], statuses = [], message_echoes: echoes = [] } = parsed.data
  if (errors?.length) out.problems.push({ reason: 'provider_error', detail: { path: where.path, metadata, errors } })
  const channel = route('whatsapp', metadata.phone_number_id)
  if (!channel) {
    out.problems.push({
      reason: 'unroutable',
      detail: { path: where.path, kind: 'whatsapp', routingId: metadata.phone_number_id },
    })
    return
  }
  const ctx: MetaContext = { ...where, channel }
  const profiles: WhatsappContact[] = []
  for (const [i, item] of contacts.entries()) {
    const contact = whatsappContactSchema.safeParse(item)
    if (contact.success) profiles.push(contact.data)
    else out.problems.push(malformedItem(`${where.path}.contacts[${i}]`, contact.error, item))
  }
  for (const [key, list] of [
    ['messages', messages],
    ['message_echoes', echoes],
  ] as const) {
    for (const [i, item] of list.entries()) {
      const path = `${where.path}.${key}[${i}]`
      const message = whatsappMessageSchema.safeParse(item)
      if (!message.success) out.problems.push(malformedItem(path, message.error, item))
      else if (key === 'message_echoes' && !message.data.to)
        out.problems.push({ reason: 'malformed_item', detail: { path, issues: ['to: missing on an echo'], item } })
      else out.events.push(...messageEvents(message.data, profiles, { ...ctx, path }, item))
    }
  }
  for (const [i, item] of statuses.entries()) {
    const path = `${where.path}.statuses[${i}]`
    const status = whatsappStatusSchema.safeParse(item)
    if (!status.success) {
      out.problems.push(malformedItem(path, status.error, item))
      continue
    }
    const known = statusOf[status.data.status]
    if (known) out.events.push(statusEvent(status.data, known, ctx))
    else out.problems.push({ reason: 'unhandled_status', detail: { path, id: status.data.id, status: status.data.status } })
  }
}

/** The events one message makes: a message, or a change to an earlier one, or a number change. */
function messageEvents(message: WhatsappMessage, profiles: WhatsappContact[], ctx: MetaContext, raw: unknown): ChannelEvent[] {
  const target = { workspaceId: ctx.channel.workspaceId, channelId: ctx.channel.id }
  const at = new Date(message.timestamp ?? ctx.fallbackMs).toISOString()
  // An echo is written by the business to `to`; anything else by the customer in `from`.
  const echo = message.to !== undefined
  const by = echo ? 'agent' : 'contact'
  if (message.type === 'reaction' && message.reaction) {
    const { message_id, emoji } = message.reaction
    return [{ type: 'reaction', ...target, externalId: message_id, by, emoji: emoji || null, at }]
  }
  const original = message.edit?.original_message_id ?? message.revoke?.original_message_id ?? message.context?.id
  if (message.type === 'revoke' && original) return [{ type: 'deleted', ...target, externalId: original, at }]
  if (message.type === 'edit' && original) {
    // The new content is a message inside the edit; some payloads put the text beside it instead.
    const inner = message.edit?.message ?? { type: 'text', text: message.text }
    const edited = whatsappMessageSchema.safeParse({ ...message, type: 'text', text: undefined, ...(inner as object) })
    if (edited.success && edited.data.type !== 'edit')
      return [{ type: 'edited', ...target, externalId: original, body: whatsappContent(edited.data).body, at }]
  }
  const system = message.system
  const newNumber = system?.new_wa_id ?? system?.wa_id
  if (message.type === 'system' && system?.type && numberChanges.has(system.type) && newNumber) {
    const body = `The customer changed their WhatsApp number from +${message.from} to +${newNumber}.`
    const from = { kind: 'whatsapp' as const, value: message.from }
    return [{ type: 'identity_changed', ...target, from, to: { kind: 'whatsapp', value: newNumber }, body, at }]
  }
  return [messageEvent(message, profiles, ctx, raw)]
}

function messageEvent(message: WhatsappMessage, profiles: WhatsappContact[], ctx: MetaContext, raw: unknown): ChannelEvent {
  const customer = message.to ?? message.from
  // wa_id and `from` usually match; when they do not (country prefix rewrites), a lone profile is the sender's.
  const profile = profiles.find((p) => p.wa_id === customer) ?? (profiles.length === 1 ? profiles[0] : undefined)
  const waId = profile?.wa_id ?? customer
  // The phone identity joins this customer to one who wrote from the same number on another channel.
  const identities: Identity[] = [
    { kind: 'whatsapp', value: waId },
    { kind: 'phone', value: `+${waId}` },
  ]
  const { body, attachments } = whatsappContent(message)
  return metaMessageEvent(ctx, 'whatsapp', message.timestamp ?? ctx.fallbackMs, {
    externalId: message.id,
    contact: { name: profile?.profile?.name ?? null, identities },
    direction: message.to === undefined ? 'inbound' : 'outbound',
    replyToExternalId: message.context?.id ?? null,
    body,
    attachments,
    raw,
  })
}

function statusEvent(status: WhatsappStatus, known: (typeof statusOf)[string], ctx: MetaContext): ChannelEvent {
  return {
    type: 'status',
    workspaceId: ctx.channel.workspaceId,
    channelId: ctx.channel.id,
    externalId: status.id,
    status: known,
    at: new Date(status.timestamp ?? ctx.fallbackMs).toISOString(),
    error: known === 'failed' ? (status.errors ?? []).map(describeWhatsappError).join('; ') || null : null,
  }
}
