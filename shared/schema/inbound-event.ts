// Raw inbound events as an admin sees them (GET /api/inbound-events): what arrived but is not ingested
// yet (`pending`, retried with backoff) or gave up after its attempts (`failed`, until retried).
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const inboundEventStatuses = ['processed', 'pending', 'failed'] as const

export const inboundEventSchema = z.object({
  id: idSchema,
  channelId: idSchema,
  /** The provider's id of the event (a message id, or a status and the message it reports on). */
  externalId: z.string(),
  /** What the event is: message, status, watermark, deleted or bounce. */
  type: z.string().nullable(),
  status: z.enum(inboundEventStatuses),
  /** Failed ingests so far. */
  attempts: z.number().int(),
  /** Why the last attempt failed. */
  error: z.string().nullable(),
  /** When a pending event is tried again. */
  nextAttemptAt: isoTimeSchema.nullable(),
  receivedAt: isoTimeSchema,
})
export type InboundEvent = z.infer<typeof inboundEventSchema>

export const inboundEventListQuerySchema = z.object({
  /** Only pending or only failed events; both when left out. */
  status: z.enum(['pending', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const inboundEventListSchema = z.object({
  /** Newest first. */
  items: z.array(inboundEventSchema),
  /** How many of each there are in the workspace, whatever the limit. */
  counts: z.object({ pending: z.number().int(), failed: z.number().int() }),
})

export const inboundEventResponseSchema = z.object({ inboundEvent: inboundEventSchema })
