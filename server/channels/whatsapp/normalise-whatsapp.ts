// One WhatsApp `messages` change value to channel events: messages from
// customers, statuses of what we sent, and system errors as problems. Routed by the value's
// phone_number_id (entry.id is the WABA, which may hold several numbers).
import type { Identity } from '../../../shared/schema/contact.ts'
import type { ChannelEvent } from '../channel-event.ts'
import { metaMessageEvent } from '../meta/meta-message.ts'
import { type MetaContext, type MetaOutput, type MetaRoute, malformedItem } from '../meta/meta-normalise-context.ts'
import { whatsappContent } from './whatsapp-message-content.ts'
import {
  type WhatsappContact,
  type WhatsappError,
  type WhatsappMessage,
  type WhatsappStatus,
  whatsappContactSchema,
  whatsappMessageSchema,
  whatsappStatusSchema,
  whatsappValueSchema,
} from './whatsapp-payload.ts'

type Where = Omit<MetaContext, 'channel'>

const knownStatuses = ['sent', 'delivered', 'read', 'failed'] as const
type KnownStatus = (typeof knownStatuses)[number]

export function normaliseWhatsapp(value: unknown, route: MetaRoute, where: Where, out: MetaOutput): void {
  const parsed = whatsappValueSchema.safeParse(value)
  if (!parsed.success) {
    out.problems.push(malformedItem(where.path, parsed.error, value))
    return
  }
  const { metadata, errors, contacts = [], messages = [], statuses = [] } = parsed.data
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
  for (const [i, item] of messages.entries()) {
    const message = whatsappMessageSchema.safeParse(item)
    if (message.success) out.events.push(messageEvent(message.data, profiles, ctx, item))
    else out.problems.push(malformedItem(`${where.path}.messages[${i}]`, message.error, item))
  }
  for (const [i, item] of statuses.entries()) {
    const path = `${where.path}.statuses[${i}]`
    const status = whatsappStatusSchema.safeParse(item)
    if (!status.success) {
      out.problems.push(malformedItem(path, status.error, item))
      continue
    }
    const known = knownStatuses.find((name) => name === status.data.status)
    if (known) out.events.push(statusEvent(status.data, known, ctx))
    else out.problems.push({ reason: 'unhandled_status', detail: { path, id: status.data.id, status: status.data.status } })
  }
}

function messageEvent(message: WhatsappMessage, profiles: WhatsappContact[], ctx: MetaContext, raw: unknown): ChannelEvent {
  // wa_id and `from` usually match; when they do not (country prefix rewrites), a lone profile is the sender's.
  const profile = profiles.find((p) => p.wa_id === message.from) ?? (profiles.length === 1 ? profiles[0] : undefined)
  const waId = profile?.wa_id ?? message.from
  // The phone identity joins this customer to one who wrote from the same number on another channel.
  const identities: Identity[] = [
    { kind: 'whatsapp', value: waId },
    { kind: 'phone', value: `+${waId}` },
  ]
  const { body, attachments } = whatsappContent(message)
  const quoted = message.type === 'reaction' && message.reaction ? message.reaction.message_id : message.context?.id
  return metaMessageEvent(ctx, 'whatsapp', message.timestamp ?? ctx.fallbackMs, {
    externalId: message.id,
    contact: { name: profile?.profile?.name ?? null, identities },
    replyToExternalId: quoted ?? null,
    body,
    attachments,
    raw,
  })
}

function statusEvent(status: WhatsappStatus, known: KnownStatus, ctx: MetaContext): ChannelEvent {
  return {
    type: 'status',
    workspaceId: ctx.channel.workspaceId,
    channelId: ctx.channel.id,
    externalId: status.id,
    status: known,
    at: new Date(status.timestamp ?? ctx.fallbackMs).toISOString(),
    error: known === 'failed' ? (status.errors ?? []).map(describeError).join('; ') || null : null,
  }
}

/** "131047 Re-engagement message: Message failed to send because…" */
function describeError(error: WhatsappError): string {
  const head = [error.code, error.title ?? error.message].filter((part) => part !== undefined).join(' ')
  const details = error.error_data?.details
  return details ? `${head}: ${details}` : head
}
