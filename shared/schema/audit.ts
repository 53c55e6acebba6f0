// The audit log of a ticket or a contact as the agent app reads it (GET /api/tickets/:id/audit,
// GET /api/contacts/:id/audit): who did what, when, through which rule or macro, and the values before and after.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const auditActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agent'), id: idSchema, name: z.string() }),
  /** The customer themselves (a chat visitor who gave their email). */
  z.object({ type: z.literal('customer'), id: idSchema.nullable(), name: z.string().nullable() }),
  /** The helpdesk on its own: a rule, a schedule, an inbound message. */
  z.object({ type: z.literal('system') }),
])
export type AuditActor = z.infer<typeof auditActorSchema>

/** What the change went through when not made by hand: the rule or macro, named as it was then. */
export const auditViaSchema = z.object({ kind: z.enum(['rule', 'macro']), id: idSchema.nullable(), name: z.string() })
export type AuditVia = z.infer<typeof auditViaSchema>

export const auditItemSchema = z.object({
  id: idSchema,
  at: isoTimeSchema,
  actor: auditActorSchema,
  via: auditViaSchema.nullable(),
  /** `ticket.status_changed`, `contact.identity_linked`, `contact.merged`… */
  action: z.string(),
  /** The changed field's value before and after, where the row has them (null otherwise). */
  before: z.unknown(),
  after: z.unknown(),
  /** The rest of the row (a merge's sourceId, a reply's body…). */
  details: z.record(z.string(), z.unknown()),
})
export type AuditItem = z.infer<typeof auditItemSchema>

/** Newest first, at most `limit` (default 100, at most 200) a page; `cursor` is the last page's nextCursor. */
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional(),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const auditPageSchema = z.object({ items: z.array(auditItemSchema), nextCursor: z.string().nullable() })
export type AuditPage = z.infer<typeof auditPageSchema>
