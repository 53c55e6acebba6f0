// The OpenAPI operations at the edge of the REST API: the health check, attachment downloads, the
// webhooks Meta and mail providers post to (their bodies are the providers' formats, checked by signature
// or shared secret rather than by a session), and what arrived through them but is not ingested yet.
import { z } from 'zod'
import {
  inboundEventListQuerySchema,
  inboundEventListSchema,
  inboundEventResponseSchema,
} from '../../shared/schema/inbound-event.ts'
import { metaDeliverySchema } from '../channels/meta/meta-payload.ts'
import type { Operation } from './openapi-operation.ts'

export const edgeOperations: Operation[] = [
  {
    method: 'get',
    path: '/health',
    summary:
      'Whether the server is up and its database answers (503 service_unavailable when it does not), and its kind of database',
    response: z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres']) }),
    public: true,
  },
  {
    method: 'get',
    path: '/api/attachments/{id}',
    summary: "An attachment's bytes, for an agent who may see its ticket",
    response: z.string().describe('the file, with its own content type'),
    responseType: 'application/octet-stream',
  },
  {
    method: 'get',
    path: '/webhooks/meta',
    summary: "Meta's verification handshake: answers hub.challenge when hub.verify_token is META_VERIFY_TOKEN",
    query: z.object({ 'hub.mode': z.literal('subscribe'), 'hub.verify_token': z.string(), 'hub.challenge': z.string() }),
    response: z.string(),
    responseType: 'text/plain',
    public: true,
  },
  {
    method: 'post',
    path: '/webhooks/meta',
    summary: 'A Messenger, Instagram or WhatsApp delivery, signed with X-Hub-Signature-256 (META_APP_SECRET)',
    body: metaDeliverySchema,
    response: z.literal('EVENT_RECEIVED'),
    responseType: 'text/plain',
    public: true,
  },
  {
    method: 'post',
    path: '/webhooks/email/{channelId}',
    summary: "A raw RFC 822 mail for an email channel, with Authorization: Bearer <the channel's inboundSecret>",
    body: z.string().describe('the message as received'),
    bodyType: 'message/rfc822',
    response: z.object({ ok: z.literal(true) }),
    status: 202,
    public: true,
  },
  {
    method: 'get',
    path: '/api/inbound-events',
    summary:
      'Inbound events stored but not ingested yet, newest first (admin): pending (retried with backoff) or failed (after its attempts, until retried or delivered again)',
    query: inboundEventListQuerySchema,
    response: inboundEventListSchema,
  },
  {
    method: 'post',
    path: '/api/inbound-events/{id}/retry',
    summary: 'Ingest a pending or failed inbound event now (admin); answers its state after the attempt',
    response: inboundEventResponseSchema,
  },
]
