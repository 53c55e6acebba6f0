// The OpenAPI operations the agent app added: the sync stream, sample data and @mentions, kept apart from
// openapi.ts as openapi-routing.ts is.
import { z } from 'zod'
import { createMentionSchema } from '../../shared/schema/mention.ts'
import { syncPageSchema, syncQuerySchema, syncStreamEventSchema, syncTicketsEventSchema } from '../../shared/schema/sync.ts'
import type { Operation } from './openapi-operation.ts'

const sampleResultSchema = z.object({ tickets: z.number().int() })

export const appOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/sync',
    summary:
      'Tickets the caller may see that changed after the cursor, oldest change first, with all their messages and their contacts; `more` when more wait',
    query: syncQuerySchema,
    response: syncPageSchema,
  },
  {
    method: 'get',
    path: '/api/sync/stream',
    summary:
      'Server-Sent Events: `tickets` as each change the caller may see commits (tickets, the messages written, contacts), each followed by `change` with `pushed: true`; a `change` without it at once and whenever the caller must pull GET /api/sync (a ticket left their sight, a change too large to push, a gap)',
    response: z.union([syncTicketsEventSchema, syncStreamEventSchema]),
  },
  {
    method: 'post',
    path: '/api/sample-data',
    summary: 'Load sample conversations on sample channels of every kind, through the ingest (admin)',
    response: sampleResultSchema,
    status: 201,
  },
  {
    method: 'delete',
    path: '/api/sample-data',
    summary: 'Remove the sample channels and everything on them (admin)',
    response: sampleResultSchema,
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/mentions',
    summary:
      'Notify colleagues an internal note @mentions (notification kind `mention`); 400 naming any who may not see the ticket, and nobody is told',
    body: createMentionSchema,
    response: z.object({ notified: z.array(z.string()) }),
    status: 201,
  },
]
