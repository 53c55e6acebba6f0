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

/**
 * Event `change` of GET /api/sync/stream: pull the next page. Sent at once when the stream opens, and
 * whenever the stream cannot carry a change itself. `pushed`: the change was carried by the `tickets`
 * event just before; a client that applied that event need not pull (clients that know only `change`
 * pull on every one, as they always did).
 */
export const syncStreamEventSchema = z.object({ at: z.string(), pushed: z.literal(true).optional() })
export type SyncStreamEvent = z.infer<typeof syncStreamEventSchema>

/**
 * Event `tickets` of GET /api/sync/stream, sent as soon as a transaction that changed tickets commits, in
 * commit order: the changed tickets the stream's agent may see, with the messages that transaction wrote
 * (not all of the ticket's: the client upserts them) and the tickets' contacts. A ticket that left the
 * agent's sight is never named here: the stream sends `change`, and the pull's removedTicketIds says
 * what to drop.
 */
export const syncTicketsEventSchema = syncPageSchema.pick({ tickets: true, messages: true, contacts: true })
export type SyncTicketsEvent = z.infer<typeof syncTicketsEventSchema>

/**
 * Events `reads` (the agent's read marks changed on another browser) and `tags` (the workspace's tag list
 * changed: colours, names, descriptions) of GET /api/sync/stream carry only `{at}`: read them again.
 */
