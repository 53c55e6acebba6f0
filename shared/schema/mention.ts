// POST /api/tickets/:id/mentions: an internal note names colleagues (@name); each is notified.
import { z } from 'zod'
import { idSchema } from './common.ts'

export const createMentionSchema = z.object({
  agentIds: z.array(idSchema).min(1).max(20),
  /** The note's text, shown in the notification. */
  body: z.string().trim().min(1).max(2000),
})
export type CreateMention = z.infer<typeof createMentionSchema>
