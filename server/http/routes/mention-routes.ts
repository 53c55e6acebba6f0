// POST /api/tickets/:id/mentions: the app calls it when an internal note @mentions colleagues; each one
// who may see the ticket's workspace gets a notification (kind `mention`) pointing at the ticket.
import { and, eq, inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { createMentionSchema } from '../../../shared/schema/mention.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { agents } from '../../db/schema/agents.ts'
import { notify } from '../../notifications/notify.ts'
import { findVisibleTicket } from '../../tickets/get-ticket.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson } from '../read-input.ts'

export function mentionRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()
  app.post('/:id/mentions', async (c) => {
    const actor = c.get('actor')
    const input = await readJson(c, createMentionSchema)
    const ticket = await findVisibleTicket(db, actor, c.req.param('id'))
    const found = await db
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, actor.workspaceId), inArray(agents.id, input.agentIds)))
    const unknown = input.agentIds.filter((id) => !found.some((a) => a.id === id))
    if (unknown.length) throw new AppError('invalid_input', 'Mention agents of this workspace.', { unknown })
    const told = await notify(
      db,
      found.map((a) => ({
        workspaceId: actor.workspaceId,
        agentId: a.id,
        kind: 'mention' as const,
        ticketId: ticket.id,
        body: `${actor.name} mentioned you on #${ticket.number}: ${input.body.slice(0, 300)}`,
        at: deps.clock.now(),
      })),
    )
    return c.json({ notified: told }, 201)
  })
  return app
}
