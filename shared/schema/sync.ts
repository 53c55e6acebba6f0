// The sync stream that feeds the browser's local database (GET /api/sync, GET /api/sync/stream).
import { z } from 'zod'
import { contactSchema } from './contact.ts'
import { messageSchema } from './message.ts'
import { ticketSchema } from './ticket.ts'

export const syncQuerySchema = z.object({
  /** Opaque; absent on the first call. Each page's `cursor` resumes after it. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
})
export type SyncQuery = z.infer<typeof syncQuerySchema>

/** Tickets changed since the cursor, oldest change first, with all their messages and their contacts. */
export const syncPageSchema = z.object({
  tickets: z.array(ticketSchema),
  messages: z.array(messageSchema),
  contacts: z.array(contactSchema),
  /** Tickets that changed out of the asker's sight (moved to another team, reassigned): drop them. */
  removedTicketIds: z.array(z.string()).default([]),
  cursor: z.string(),
  /** True when more changes wait: ask again at once with the new cursor. */
  more: z.boolean(),
})
export type SyncPage = z.infer<typeof syncPageSchema>

/** The live push: a `change` event tells the client to pull the next page. */
export const syncStreamEventSchema = z.object({ at: z.string() })
