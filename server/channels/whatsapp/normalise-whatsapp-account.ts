// WhatsApp's account-level webhook fields: what Meta says about the business account, its numbers and
// its templates (template reviews, number quality and messaging limits, account updates, alerts and
// reviews) becomes an account notice the admins are told about, and a template's new review state applies
// to it; a customer's marketing opt-out (`user_preferences`) marks their contact. Account fields carry
// the WABA id (entry.id) and no number, so they are routed by it; opt-outs name their number.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { templateStatuses } from '../../../shared/schema/reply.ts'
import type { ChannelEvent } from '../channel-event.ts'
import type { MetaContext, MetaOutput, MetaRoute } from '../meta/meta-normalise-context.ts'
import { malformedItem } from '../meta/meta-normalise-context.ts'
import { metaIdSchema, metaTimeSchema } from '../meta/meta-payload.ts'

type Where = Omit<MetaContext, 'channel'>
type Describe = (value: Record<string, unknown>) => string

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')
const join = (...parts: unknown[]) => parts.map(text).filter(Boolean).join(' ')
const sentence = (head: string, ...details: unknown[]) => {
  const rest = join(...details)
  return `${rest ? `${head}: ${rest}` : head}`.replace(/\.*$/, '.')
}

/** The fields told to admins, and how each reads. Unknown keys of a value are kept in the stored event. */
const describers: Record<string, Describe> = {
  message_template_status_update: (v) =>
    sentence(
      `Template ${text(v.message_template_name)} (${text(v.message_template_language) || 'all languages'}) is now ${text(v.event).toLowerCase()}`,
      v.reason && v.reason !== 'NONE' ? `reason ${text(v.reason)}` : '',
    ),
  message_template_quality_update: (v) =>
    sentence(
      `Template ${text(v.message_template_name)} (${text(v.message_template_language)}) quality changed`,
      `from ${text(v.previous_quality_score) || 'unknown'} to ${text(v.new_quality_score) || 'unknown'}`,
    ),
  phone_number_quality_update: (v) =>
    sentence(
      `Number +${text(v.display_phone_number)} quality: ${text(v.event)}`,
      v.current_limit ? `messaging limit ${text(v.current_limit)}` : '',
      v.old_limit ? `(was ${text(v.old_limit)})` : '',
    ),
  phone_number_name_update: (v) =>
    sentence(
      `Display name ${text(v.requested_verified_name)} of +${text(v.display_phone_number)}: ${text(v.decision)}`,
      v.rejection_reason && v.rejection_reason !== 'NONE' ? text(v.rejection_reason) : '',
    ),
  account_update: (v) =>
    sentence(
      `WhatsApp account update: ${text(v.event)}`,
      v.phone_number ? `number +${text(v.phone_number)}` : '',
      detailOf(v.violation_info),
      detailOf(v.ban_info),
      detailOf(v.restriction_info),
    ),
  account_alerts: (v) => {
    const alert = (v.alert_info ?? {}) as Record<string, unknown>
    return sentence(
      `WhatsApp account alert (${text(alert.alert_severity) || 'unknown severity'}, ${text(alert.alert_status) || 'no status'}): ${text(alert.alert_type)}`,
      alert.alert_description,
    )
  },
  account_review_update: (v) => sentence(`WhatsApp account review: ${text(v.decision)}`),
  business_capability_update: (v) =>
    sentence(
      'WhatsApp account limits changed',
      v.max_daily_conversation_per_phone ? `${text(v.max_daily_conversation_per_phone)} conversations a day per number` : '',
      v.max_phone_numbers_per_business ? `${text(v.max_phone_numbers_per_business)} numbers` : '',
    ),
}

/** Meta's template events to our review states; FLAGGED (at risk, still sendable) changes nothing. */
const templateStatusOf: Record<string, (typeof templateStatuses)[number]> = {
  APPROVED: 'approved',
  REINSTATED: 'approved',
  PENDING: 'pending',
  IN_APPEAL: 'pending',
  REJECTED: 'rejected',
  PAUSED: 'paused',
  DISABLED: 'disabled',
  PENDING_DELETION: 'disabled',
  DELETED: 'disabled',
  ARCHIVED: 'disabled',
  LIMIT_EXCEEDED: 'disabled',
}

export const whatsappAccountFields = new Set([...Object.keys(describers), 'user_preferences'])

const userPreferencesSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: metaIdSchema }),
  user_preferences: z.array(
    z.looseObject({
      wa_id: z.string().min(1),
      category: z.string(),
      value: z.string(),
      timestamp: metaTimeSchema.optional(),
    }),
  ),
})

export function normaliseWhatsappAccount(field: string, value: unknown, route: MetaRoute, where: Where, out: MetaOutput): void {
  if (field === 'user_preferences') {
    preferences(value, route, where, out)
    return
  }
  const channel = route('whatsapp_account', where.businessId)
  if (!channel) {
    out.problems.push({
      reason: 'unroutable',
      detail: { path: where.path, kind: 'whatsapp_account', routingId: where.businessId },
    })
    return
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    out.problems.push({ reason: 'malformed_item', detail: { path: where.path, issues: ['value: not an object'], item: value } })
    return
  }
  const fields = value as Record<string, unknown>
  const digest = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32)
  const templateStatus = field === 'message_template_status_update' ? templateStatusOf[text(fields.event)] : undefined
  const event: ChannelEvent = {
    type: 'account_notice',
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    key: `${field}:${where.fallbackMs}:${digest}`,
    body: describers[field]!(fields),
    at: new Date(where.fallbackMs).toISOString(),
    template:
      templateStatus && fields.message_template_name
        ? {
            businessAccountId: where.businessId,
            name: text(fields.message_template_name),
            language: text(fields.message_template_language) || null,
            status: templateStatus,
          }
        : null,
  }
  out.events.push(event)
}

function preferences(value: unknown, route: MetaRoute, where: Where, out: MetaOutput): void {
  const parsed = userPreferencesSchema.safeParse(value)
  if (!parsed.success) {
    out.problems.push(malformedItem(where.path, parsed.error, value))
    return
  }
  const channel = route('whatsapp', parsed.data.metadata.phone_number_id)
  if (!channel) {
    out.problems.push({
      reason: 'unroutable',
      detail: { path: where.path, kind: 'whatsapp', routingId: parsed.data.metadata.phone_number_id },
    })
    return
  }
  for (const preference of parsed.data.user_preferences) {
    out.events.push({
      type: 'preference',
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      identity: { kind: 'whatsapp', value: preference.wa_id },
      category: preference.category,
      optedOut: preference.value.toLowerCase() === 'stop',
      at: new Date(preference.timestamp ?? where.fallbackMs).toISOString(),
    })
  }
}

/** The part of a nested info object an admin needs: its values, e.g. "ACCOUNT_RESTRICTION RESTRICTED_ADD_PHONE_NUMBER_ACTION". */
function detailOf(info: unknown): string {
  if (!info || typeof info !== 'object') return ''
  const values = Array.isArray(info) ? info.flatMap((item) => Object.values(item ?? {})) : Object.values(info)
  return values.map(text).filter(Boolean).join(' ')
}
