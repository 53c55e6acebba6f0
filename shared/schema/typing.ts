// An agent starts or stops typing a reply (POST /api/tickets/:id/typing); a live-chat visitor sees it.
import { z } from 'zod'

export const agentTypingSchema = z.object({ typing: z.boolean() })
export type AgentTyping = z.infer<typeof agentTypingSchema>

/** `shown` is true when a visitor's open widget got it. */
export const agentTypingResponseSchema = z.object({ shown: z.boolean() })
