// The OpenAPI operations of macros (routes/macro-routes.ts).
import { z } from 'zod'
import {
  createMacroSchema,
  macroListSchema,
  macroResponseSchema,
  macroRunResponseSchema,
  runMacroSchema,
  updateMacroSchema,
} from '../../shared/schema/macro.ts'
import type { Operation } from './openapi-operation.ts'

export const macroOperations: Operation[] = [
  { method: 'get', path: '/api/macros', summary: 'The workspace’s macros, for every agent', response: macroListSchema },
  {
    method: 'post',
    path: '/api/macros',
    summary:
      'Create a macro (admins and supervisors): a saved reply to insert and ticket actions. 400 unknown_tag for a tag not in the tag list; 400 unknown_reference for a team, agent or saved reply that does not exist',
    body: createMacroSchema,
    response: macroResponseSchema,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/macros/{id}',
    summary: 'Change a macro (admins and supervisors), checked as when it was made',
    body: updateMacroSchema,
    response: macroResponseSchema,
  },
  {
    method: 'delete',
    path: '/api/macros/{id}',
    summary: 'Delete a macro (admins and supervisors)',
    response: z.object({ ok: z.boolean() }),
  },
  {
    method: 'post',
    path: '/api/macros/{id}/run',
    summary:
      'Run a macro on tickets, each on its own with the checks of a change by hand, audited as done through the macro: per-ticket results (a ticket the caller may not see is not_found); a step whose tag or team is gone is listed in `skipped`; on one ticket, `reply` is the macro’s saved reply filled in for the draft (never sent)',
    body: runMacroSchema,
    response: macroRunResponseSchema,
  },
]
