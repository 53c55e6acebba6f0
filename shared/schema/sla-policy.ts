// SLA policies: targets per channel kind and priority, counted
// in a calendar's business hours or around the clock. The first matching policy applies.
import { z } from 'zod'
import { channelKindSchema, idSchema, isoTimeSchema } from './common.ts'
import { prioritySchema } from './ticket.ts'

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 365)

export const slaTargetsSchema = z
  .object({ firstReplyMinutes: minutes.optional(), nextReplyMinutes: minutes.optional(), resolutionMinutes: minutes.optional() })
  .strict()
  .refine((t) => Object.keys(t).length > 0, 'Give at least one target.')
export type SlaTargets = z.infer<typeof slaTargetsSchema>

export const createSlaPolicySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    channelKinds: z.array(channelKindSchema).max(6).optional(),
    priorities: z.array(prioritySchema).max(4).optional(),
    calendarId: idSchema.optional(),
    targets: slaTargetsSchema,
  })
  .strict()
export type CreateSlaPolicy = z.infer<typeof createSlaPolicySchema>

export const slaPolicySchema = z.object({
  id: idSchema,
  name: z.string(),
  channelKinds: z.array(channelKindSchema),
  priorities: z.array(prioritySchema),
  calendarId: idSchema.nullable(),
  targets: z.object({
    firstReplyMinutes: z.number().optional(),
    nextReplyMinutes: z.number().optional(),
    resolutionMinutes: z.number().optional(),
  }),
  createdAt: isoTimeSchema,
})
export type SlaPolicy = z.infer<typeof slaPolicySchema>

export const slaPolicyResponseSchema = z.object({ policy: slaPolicySchema })
export const slaPolicyListSchema = z.object({ items: z.array(slaPolicySchema) })
