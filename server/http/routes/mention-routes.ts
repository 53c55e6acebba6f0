// POST /api/tickets/:id/mentions: the app calls it when an internal note @mentions colleagues; each gets a
// notification (kind `mention`) with the note's text, pointing at the ticket. A colleague who may not see
// the ticket is refused (400, naming them) rather than skipped: the note's text must not reach them, and
// the author learns at once that nobody was told, instead of believing a silent mention was delivered.
import { and, eq, inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { createMentionSchema } from '../../../shared/schema/mention.ts'
import { viewersBlindTo } from '../../access/may-see-ticket.ts'
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
      .select({ id: agents.id, name: agents.name, role: agents.role, workspaceId: agents.workspaceId })
      .from(agents)
      .where(and(eq(agents.workspaceId, actor.workspaceId), inArray(agents.id, input.agentIds)))
    const unknown = input.agentIds.filter((id) => !found.some((a) => a.id === id))
    if (unknown.length) throw new AppError('invalid_input', 'Mention agents of this workspace.', { unknown })
    const blind = await viewersBlindTo(
      db,
      ticket.id,
      found.map((a) => ({ ...a, agentId: a.id })),
    )
    if (blind.length) {
      throw new AppError(
        'invalid_input',
        `${blind.map((a) => a.name).join(', ')} may not see ticket #${ticket.number}, so nobody was told: assign it or move it to their team first.`,
        { cannotSee: blind.map((a) => a.id) },
      )
    }
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
