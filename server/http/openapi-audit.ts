// The OpenAPI operations of the audit log (routes/audit-routes.ts), removing a contact's identity and
// syncing a WhatsApp account's templates from Meta.
import { auditPageSchema, auditQuerySchema } from '../../shared/schema/audit.ts'
import { identityResponseSchema } from '../../shared/schema/contact.ts'
import { templateSyncSchema } from '../../shared/schema/reply.ts'
import type { Operation } from './openapi-operation.ts'

export const auditOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/tickets/{id}/audit',
    summary:
      'The ticket’s audit log, newest first (at most 200 a page, `nextCursor` for the next): who (agent, customer or system), through which rule or macro (`via`), the action and the changed value before and after; for those who may see the ticket',
    query: auditQuerySchema,
    response: auditPageSchema,
  },
  {
    method: 'get',
    path: '/api/contacts/{id}/audit',
    summary:
      'The contact’s audit log (identities linked and removed, merges and their undoing), newest first and paged as a ticket’s; for those who may see the contact',
    query: auditQuerySchema,
    response: auditPageSchema,
  },
  {
    method: 'delete',
    path: '/api/contacts/{id}/identities/{identityId}',
    summary:
      'Take an identity off a contact (audited); its tickets stay. 409 last_identity for the contact’s only identity; 404 for a contact the caller may not change or an identity it does not hold',
    response: identityResponseSchema,
  },
  {
    method: 'post',
    path: '/api/channels/{id}/templates/sync',
    summary:
      'Read the WhatsApp Business Account’s templates from Meta (every page) and keep them with their status and category (admin); all or nothing. 502 provider_error when Meta refuses or does not answer; 400 when the channel lacks its business account ID or token',
    response: templateSyncSchema,
  },
]
