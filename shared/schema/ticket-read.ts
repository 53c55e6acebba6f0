// The signed-in agent's read marks, kept on the server so all their browsers agree (GET /api/me/reads,
// PUT /api/me/reads/:ticketId). A ticket is unread when it has no mark, or its last message is newer.
import { z } from 'zod'
import { idSchema, isoTimeSchema } from './common.ts'

export const ticketReadSchema = z.object({
  ticketId: idSchema,
  /** Null: marked unread on purpose. */
  seenAt: isoTimeSchema.nullable(),
})
export type TicketRead = z.infer<typeof ticketReadSchema>

/** `read: true` marks the ticket read up to its last message (or now); false marks it unread. */
export const setTicketReadSchema = z.object({ read: z.boolean() })
export const ticketReadListSchema = z.object({ items: z.array(ticketReadSchema) })
export const ticketReadResponseSchema = z.object({ read: ticketReadSchema })
