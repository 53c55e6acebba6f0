// Presence (GET /api/presence and its live stream): who is on which ticket's shared document, and
// whether they are typing a reply.
import { z } from 'zod'
import { idSchema } from './common.ts'

export const presentAgentSchema = z.object({ id: idSchema, name: z.string(), typing: z.boolean() })
export type PresentAgent = z.infer<typeof presentAgentSchema>

export const presenceSchema = z.object({
  tickets: z.array(z.object({ ticketId: idSchema, agents: z.array(presentAgentSchema) })),
})
export type Presence = z.infer<typeof presenceSchema>
