// The OpenAPI operations of the signed-in agent's own things (routes/me-routes.ts).
import { setSignatureSchema, signatureListSchema, signatureResponseSchema } from '../../shared/schema/signature.ts'
import { setTicketReadSchema, ticketReadListSchema, ticketReadResponseSchema } from '../../shared/schema/ticket-read.ts'
import type { Operation } from './openapi-operation.ts'

export const meOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/me/signatures',
    summary: 'The signed-in agent’s signatures, one per channel',
    response: signatureListSchema,
  },
  {
    method: 'put',
    path: '/api/me/signatures/{channelId}',
    summary: 'Set the signed-in agent’s signature on a channel (an empty body removes it)',
    body: setSignatureSchema,
    response: signatureResponseSchema,
  },
  {
    method: 'get',
    path: '/api/me/reads',
    summary: 'The signed-in agent’s read marks (tickets they may see); a ticket without one, or newer than it, is unread',
    response: ticketReadListSchema,
  },
  {
    method: 'put',
    path: '/api/me/reads/{ticketId}',
    summary:
      'Mark a ticket read or unread for the signed-in agent, on all their browsers (their sync streams get an event `reads`)',
    body: setTicketReadSchema,
    response: ticketReadResponseSchema,
  },
]
