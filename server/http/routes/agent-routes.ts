// Agents' routing settings, availability and handoff.
import { Hono } from 'hono'
import { handoffSchema, setAvailabilitySchema, updateAgentSchema } from '../../../shared/schema/agent.ts'
import { getAgent, updateAgent } from '../../agents/agent-directory.ts'
import { setAvailability } from '../../agents/availability.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { handoffTickets } from '../../tickets/handoff-tickets.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function agentRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.patch('/agents/:id', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const agent = await updateAgent(db, actor, c.req.param('id'), await readJson(c, updateAgentSchema), deps.clock.now())
    // A new role or teams can take tickets out of the agent's sight: their open documents are checked.
    deps.afterCommit.accessChanged(actor.workspaceId, agent.id)
    return c.json({ agent })
  })

  app.put('/me/availability', async (c) => {
    const actor = c.get('actor')
    const { status } = await readJson(c, setAvailabilitySchema)
    const changed = await setAvailability(db, actor, status, deps.clock.now())
    // Tickets that waited for someone to come back are routed now.
    if (changed && status === 'online') await deps.afterCommit.agentOnline(actor.workspaceId)
    return c.json({ agent: await getAgent(db, actor.agentId) })
  })

  app.post('/me/handoff', async (c) => {
    const actor = c.get('actor')
    const moved = await handoffTickets(db, actor, await readJson(c, handoffSchema), deps.clock.now())
    await deps.afterCommit.assignmentsChanged(
      actor.workspaceId,
      moved.map((t) => ({ id: t.ticketId, assigneeId: t.assigneeId, teamId: t.teamId })),
    )
    return c.json({ ticketIds: moved.map((t) => t.ticketId) })
  })

  return app
}
