// GET /api/openapi.json: the REST contract, generated from the same zod schemas that validate requests.
import { z } from 'zod'
import { errorBodySchema } from '../../shared/errors.ts'
import {
  agentListSchema,
  agentResponseSchema,
  createAgentSchema,
  createTokenSchema,
  loginSchema,
  tokenResponseSchema,
} from '../../shared/schema/agent.ts'
import {
  channelListSchema,
  channelResponseSchema,
  createChannelSchema,
  updateChannelSchema,
} from '../../shared/schema/channel.ts'
import { pageSchema } from '../../shared/schema/common.ts'
import {
  addIdentitySchema,
  contactIdentitySchema,
  contactListQuerySchema,
  contactResponseSchema,
  contactSchema,
  identityResponseSchema,
  mergeContactSchema,
} from '../../shared/schema/contact.ts'
import { formAcceptedSchema, formSubmissionSchema } from '../../shared/schema/form.ts'
import { createNoteSchema, messageResponseSchema } from '../../shared/schema/message.ts'
import { presenceSchema } from '../../shared/schema/presence.ts'
import { createReplySchema, createTemplateSchema, templateListSchema, templateResponseSchema } from '../../shared/schema/reply.ts'
import { socialPostResponseSchema } from '../../shared/schema/social-post.ts'
import { createTeamSchema, teamListSchema, teamResponseSchema } from '../../shared/schema/team.ts'
import {
  bulkResponseSchema,
  bulkUpdateSchema,
  snoozeTicketSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketPageSchema,
  ticketResponseSchema,
  ticketSchema,
  updateTicketSchema,
} from '../../shared/schema/ticket.ts'
import { agentTypingResponseSchema, agentTypingSchema } from '../../shared/schema/typing.ts'
import { appOperations } from './openapi-app.ts'
import { auditOperations } from './openapi-audit.ts'
import { edgeOperations } from './openapi-edge.ts'
import { macroOperations } from './openapi-macros.ts'
import { meOperations } from './openapi-me.ts'
import type { Operation } from './openapi-operation.ts'
import { routingOperations } from './openapi-routing.ts'
import { savedReplyOperations } from './openapi-saved-replies.ts'
import { workspaceSettingOperations } from './openapi-workspace-settings.ts'

const operations: Operation[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    summary:
      'Sign in; sets the session cookie. Failed sign-ins are limited per client and per account: 429 rate_limited with Retry-After',
    body: loginSchema,
    response: agentResponseSchema,
    public: true,
  },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out', response: z.object({ ok: z.boolean() }), public: true },
  { method: 'get', path: '/api/me', summary: 'The signed-in agent', response: agentResponseSchema },
  {
    method: 'post',
    path: '/api/tokens',
    summary: 'Create an API token (admin)',
    body: createTokenSchema,
    response: tokenResponseSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/agents',
    summary: 'Create an agent (admin)',
    body: createAgentSchema,
    response: agentResponseSchema,
    status: 201,
  },
  { method: 'get', path: '/api/agents', summary: 'List agents', response: agentListSchema },
  {
    method: 'post',
    path: '/api/teams',
    summary: 'Create a team (admin)',
    body: createTeamSchema,
    response: teamResponseSchema,
    status: 201,
  },
  { method: 'get', path: '/api/teams', summary: 'List teams', response: teamListSchema },
  {
    method: 'post',
    path: '/api/channels',
    summary: 'Connect a channel (admin)',
    body: createChannelSchema,
    response: channelResponseSchema,
    status: 201,
  },
  { method: 'get', path: '/api/channels', summary: 'List channels', response: channelListSchema },
  {
    method: 'patch',
    path: '/api/channels/{id}',
    summary: 'Change a channel’s name, welcome and away messages or business hours (admin)',
    body: updateChannelSchema,
    response: channelResponseSchema,
  },
  {
    method: 'get',
    path: '/api/tickets',
    summary: 'List and search tickets, newest activity first (sort=priority: most urgent first; view=: work views)',
    query: ticketListQuerySchema,
    response: ticketPageSchema,
  },
  { method: 'get', path: '/api/tickets/{id}', summary: 'A ticket with its contact and messages', response: ticketDetailSchema },
  {
    method: 'get',
    path: '/api/tickets/{id}/post',
    summary:
      'The post a comment ticket is about (Instagram: caption, media type, picture and link, https only, read from the Graph API and cached); null for other tickets',
    response: socialPostResponseSchema,
  },
  {
    method: 'patch',
    path: '/api/tickets/{id}',
    summary: 'Change status, priority, assignee, team, tags',
    body: updateTicketSchema,
    response: ticketResponseSchema,
  },
  {
    method: 'post',
    path: '/api/tickets/bulk',
    summary:
      'One change for many tickets (status, assignee, team, tags added or removed, snooze), each ticket on its own: per-ticket results, a ticket the caller may not see is not_found',
    body: bulkUpdateSchema,
    response: bulkResponseSchema,
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/snooze',
    summary:
      'Snooze until a time, until the customer replies, or whichever comes first: the ticket leaves every list but view=snoozed',
    body: snoozeTicketSchema,
    response: ticketResponseSchema,
  },
  { method: 'delete', path: '/api/tickets/{id}/snooze', summary: 'Wake a snoozed ticket', response: ticketResponseSchema },
  {
    method: 'post',
    path: '/api/tickets/{id}/notes',
    summary: 'Add an internal note',
    body: createNoteSchema,
    response: messageResponseSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/replies',
    summary:
      'Reply to the customer through the ticket’s channel (202, queued); 409 reply_conflict while a colleague types in the ticket or after a colleague’s reply newer than lastSeenMessageId, unless confirm is true',
    body: createReplySchema,
    response: messageResponseSchema,
    status: 202,
  },
  {
    method: 'get',
    path: '/api/presence',
    summary: 'Who is on which ticket, viewing or typing (an agent: on the tickets they may see)',
    response: presenceSchema,
  },
  {
    method: 'get',
    path: '/api/presence/stream',
    summary: 'The same as Server-Sent Events: an event `presence` at once and after every change',
    response: presenceSchema,
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/typing',
    summary: 'The agent starts or stops typing; a live-chat visitor sees it',
    body: agentTypingSchema,
    response: agentTypingResponseSchema,
  },
  {
    method: 'post',
    path: '/api/channels/{id}/templates',
    summary: 'Add a WhatsApp template (admin)',
    body: createTemplateSchema,
    response: templateResponseSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/channels/{id}/templates',
    summary: 'List a WhatsApp channel’s templates',
    response: templateListSchema,
  },
  {
    method: 'get',
    path: '/api/contacts',
    summary: 'List and search contacts',
    query: contactListQuerySchema,
    response: pageSchema(contactSchema),
  },
  {
    method: 'get',
    path: '/api/contacts/{id}',
    summary: 'A contact with identities and tickets',
    response: z.object({ contact: contactSchema, identities: z.array(contactIdentitySchema), tickets: z.array(ticketSchema) }),
  },
  {
    method: 'post',
    path: '/api/contacts/{id}/merge',
    summary: 'Merge another contact into this one',
    body: mergeContactSchema,
    response: contactResponseSchema,
  },
  {
    method: 'post',
    path: '/api/contacts/{id}/identities',
    summary: 'Link an email, phone or social id to a contact',
    body: addIdentitySchema,
    response: identityResponseSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/contacts/{id}/unmerge',
    summary: 'Undo the merge of this contact into another',
    response: contactResponseSchema,
  },
  {
    method: 'post',
    path: '/webhooks/form/{channelId}',
    summary: 'A web-form submission (JSON or form-encoded)',
    body: formSubmissionSchema,
    response: formAcceptedSchema,
    status: 201,
    public: true,
  },
]

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' })

export function buildOpenApi(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of [
    ...operations,
    ...routingOperations,
    ...meOperations,
    ...appOperations,
    ...edgeOperations,
    ...savedReplyOperations,
    ...macroOperations,
    ...auditOperations,
    ...workspaceSettingOperations,
  ]) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    const queryParams = op.query
      ? Object.entries(op.query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema: jsonSchema(schema as z.ZodType, 'input'),
        }))
      : []
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      summary: op.summary,
      security: op.public ? [] : undefined,
      parameters: [...pathParams, ...queryParams],
      requestBody: op.body
        ? { required: true, content: { [op.bodyType ?? 'application/json']: { schema: jsonSchema(op.body, 'input') } } }
        : undefined,
      responses: {
        [String(op.status ?? 200)]: {
          description: 'Success',
          content: { [op.responseType ?? 'application/json']: { schema: jsonSchema(op.response, 'output') } },
        },
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorBodySchema, 'output') } } },
      },
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Helpdesk API', version: '1' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'hd_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  }
}
