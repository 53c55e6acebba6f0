// An agent's notifications (GET /api/notifications): what a rule, an SLA or a handoff wants them to know,
// a colleague's mention, a ticket given to them, a new live chat, and for admins what Meta says about a
// channel's account (template reviews, number quality, alerts).
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const notificationKinds = [
  'rule',
  'sla_warning',
  'sla_breach',
  'reply_window',
  'handoff',
  'rule_loop',
  'mention',
  'channel_account',
  'assigned',
  'new_chat',
] as const

/** The kinds that concern the agent at once: the app may announce them (desktop notification, sound). */
export const urgentNotificationKinds: readonly NotificationKind[] = ['new_chat', 'mention', 'assigned']

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(notificationKinds),
  ticketId: idSchema.nullable(),
  body: z.string(),
  readAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
})
export type Notification = z.infer<typeof notificationSchema>
export type NotificationKind = Notification['kind']

export const notificationListQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() })
