// Tickets: every customer conversation, trackable, as the REST API shows them.
import { z } from 'zod'
import { channelKindSchema, idSchema, isoTimeSchema, pageSchema } from './common.ts'
import { contactSchema } from './contact.ts'
import { messageSchema } from './message.ts'

export const ticketStatuses = ['open', 'pending', 'resolved', 'closed'] as const
export const ticketStatusSchema = z.enum(ticketStatuses)
export type TicketStatus = z.infer<typeof ticketStatusSchema>

export const priorities = ['low', 'normal', 'high', 'urgent'] as const
export const prioritySchema = z.enum(priorities)

export const slaMetrics = ['firstReply', 'nextReply', 'resolution'] as const
export const ticketSlaSchema = z.object({
  policyId: idSchema,
  firstReplyDueAt: isoTimeSchema.nullable(),
  nextReplyDueAt: isoTimeSchema.nullable(),
  resolutionDueAt: isoTimeSchema.nullable(),
  breaches: z.array(z.object({ metric: z.enum(slaMetrics), at: isoTimeSchema })),
})
export type TicketSla = z.infer<typeof ticketSlaSchema>

export const ticketSchema = z.object({
  id: idSchema,
  number: z.number().int(),
  subject: z.string().nullable(),
  status: ticketStatusSchema,
  priority: prioritySchema,
  channelId: idSchema,
  channelKind: channelKindSchema,
  contactId: idSchema,
  assigneeId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  tags: z.array(z.string()),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  lastMessageAt: isoTimeSchema,
  /** The start of the last message's text, for inbox rows. */
  lastMessagePreview: z.string().nullable(),
  firstResponseAt: isoTimeSchema.nullable(),
  /** When the customer last wrote, as the channel timestamps it. */
  lastCustomerMessageAt: isoTimeSchema.nullable(),
  /**
   * When the newest agent reply that did not reach the customer was written; null once a later reply went
   * through. Such a ticket still waits on us.
   */
  replyFailedAt: isoTimeSchema.nullable(),
  /** WhatsApp, Messenger, Instagram: the end of the 24-hour window for free-form replies. */
  replyWindowClosesAt: isoTimeSchema.nullable(),
  /** Messenger, Instagram: the end of the 7 days in which a human agent's tagged reply is allowed. */
  humanAgentWindowClosesAt: isoTimeSchema.nullable(),
  /** Null for the direct conversation; `comment:<postId>` for a post's public comments. */
  threadKey: z.string().nullable(),
  /** Higher is more urgent: priority, urgent words, sentiment, VIP, reach, waiting time. */
  priorityScore: z.number(),
  /** The SLA policy that applies and when its targets fall due; null where no policy applies. */
  sla: ticketSlaSchema.nullable(),
  /** Snoozed: out of the open views until this time; null when not snoozed by time. */
  snoozedUntil: isoTimeSchema.nullable(),
  /** Snoozed until the customer writes again (with or without a time as well). */
  snoozedUntilCustomerReplies: z.boolean(),
})
export type Ticket = z.infer<typeof ticketSchema>

const tagSchema = z.string().trim().min(1).max(50)

export const ticketListQuerySchema = z.object({
  status: ticketStatusSchema.optional(),
  channel: channelKindSchema.optional(),
  channelId: idSchema.optional(),
  assigneeId: z.union([idSchema, z.literal('none')]).optional(),
  teamId: z.union([idSchema, z.literal('none')]).optional(),
  tag: tagSchema.optional(),
  contactId: idSchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** `priority`: highest priorityScore first; default: newest activity first. */
  sort: z.enum(['activity', 'priority']).default('activity'),
  /**
   * Work views: `waiting_on_us` (the customer wrote last, or our last reply failed), `waiting_on_customer` (pending), `breaching`
   * (a target due within the hour or passed), `unassigned`, `stalled` (open, no update for `stalledHours`),
   * `snoozed` (the snoozed tickets, which every other list leaves out).
   */
  view: z.enum(['waiting_on_us', 'waiting_on_customer', 'breaching', 'unassigned', 'stalled', 'snoozed']).optional(),
  /** `contacts`: the page also carries the contacts of its tickets (what an inbox row shows of them). */
  include: z.literal('contacts').optional(),
  stalledHours: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(48),
})
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>

export const updateTicketSchema = z
  .object({
    status: ticketStatusSchema.optional(),
    priority: prioritySchema.optional(),
    assigneeId: idSchema.nullable().optional(),
    teamId: idSchema.nullable().optional(),
    tags: z.array(tagSchema).max(50).optional(),
    subject: z.string().trim().min(1).max(300).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change.')
export type UpdateTicket = z.infer<typeof updateTicketSchema>

export const ticketPageSchema = pageSchema(ticketSchema).extend({ contacts: z.array(contactSchema).optional() })
export const ticketResponseSchema = z.object({ ticket: ticketSchema })
export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  contact: contactSchema,
  messages: z.array(messageSchema),
})

/** A time the snooze ends: in the future is checked by the server against its own clock. */
const snoozeTimeSchema = z.iso.datetime({ offset: true })

/** POST /api/tickets/:id/snooze: until a time, until the customer replies, or both (whichever comes first). */
export const snoozeTicketSchema = z
  .object({
    until: snoozeTimeSchema.optional(),
    untilCustomerReplies: z.boolean().optional(),
  })
  .strict()
  .refine((s) => s.until !== undefined || s.untilCustomerReplies === true, 'Give `until`, `untilCustomerReplies: true`, or both.')
export type SnoozeTicket = z.infer<typeof snoozeTicketSchema>

export const bulkTicketIdsSchema = z.array(idSchema).min(1).max(500)

/** POST /api/tickets/bulk: one change for many tickets, applied to each on its own. */
export const bulkUpdateSchema = z
  .object({
    ticketIds: bulkTicketIdsSchema,
    set: z
      .object({
        status: ticketStatusSchema.optional(),
        assigneeId: idSchema.nullable().optional(),
        teamId: idSchema.nullable().optional(),
        addTags: z.array(tagSchema).max(50).optional(),
        removeTags: z.array(tagSchema).max(50).optional(),
        /** A time ends the snooze then; null wakes the tickets. */
        snoozeUntil: snoozeTimeSchema.nullable().optional(),
        snoozeUntilCustomerReplies: z.boolean().optional(),
      })
      .strict()
      .refine((set) => Object.keys(set).length > 0, 'Give at least one change.'),
  })
  .strict()
export type BulkUpdate = z.infer<typeof bulkUpdateSchema>

export const bulkResultSchema = z.object({
  ticketId: idSchema,
  ok: z.boolean(),
  /** What went wrong for this ticket (the error shape's code and message); absent when ok. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  ticket: ticketSchema.optional(),
})
export const bulkResponseSchema = z.object({ results: z.array(bulkResultSchema) })
export type BulkResult = z.infer<typeof bulkResultSchema>
