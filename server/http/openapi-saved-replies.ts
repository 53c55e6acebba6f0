// The OpenAPI operations of saved replies (routes/saved-reply-routes.ts, routes/render-saved-reply-routes.ts).
import { z } from 'zod'
import {
  createSavedReplySchema,
  renderedSavedReplySchema,
  renderSavedReplySchema,
  savedReplyListQuerySchema,
  savedReplyListSchema,
  savedReplyResponseSchema,
  updateSavedReplySchema,
} from '../../shared/schema/saved-reply.ts'
import type { Operation } from './openapi-operation.ts'

export const savedReplyOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/saved-replies',
    summary:
      'Saved replies the caller may see: workspace ones, their teams’ (all teams for admins and supervisors) and their own personal ones; `q` searches title, shortcut and body in any language; the language asked for (or the ticket’s customer’s) first',
    query: savedReplyListQuerySchema,
    response: savedReplyListSchema,
  },
  {
    method: 'post',
    path: '/api/saved-replies',
    summary:
      'Create a saved reply. Workspace scope: admins and supervisors; team scope: the team’s members, admins and supervisors; personal: anyone, for themselves. 400 unknown_variable for a `{{name}}` that is no variable; 409 shortcut_taken',
    body: createSavedReplySchema,
    response: savedReplyResponseSchema,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/saved-replies/{id}',
    summary: 'Change a saved reply (who may write it where it is and where it goes); another’s personal reply is 404',
    body: updateSavedReplySchema,
    response: savedReplyResponseSchema,
  },
  {
    method: 'delete',
    path: '/api/saved-replies/{id}',
    summary: 'Delete a saved reply',
    response: z.object({ ok: z.boolean() }),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/render-saved-reply',
    summary:
      'A saved reply filled from the ticket, its contact, the caller and the order in view; variables without a value stay `{{name}}` and are listed in `unresolved`. Counts as a use',
    body: renderSavedReplySchema,
    response: renderedSavedReplySchema,
  },
]
