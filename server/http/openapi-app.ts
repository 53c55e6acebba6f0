// The OpenAPI operations the agent app added: the sync stream, sample data and @mentions, kept apart from
// openapi.ts as openapi-routing.ts is.
import { z } from 'zod'
import { createMentionSchema } from '../../shared/schema/mention.ts'
import { syncPageSchema, syncQuerySchema, syncStreamEventSchema } from '../../shared/schema/sync.ts'
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
    summary: 'Server-Sent Events: an event `change` at once and whenever tickets change (then pull GET /api/sync)',
    response: syncStreamEventSchema,
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
