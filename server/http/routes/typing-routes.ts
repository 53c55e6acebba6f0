// POST /api/tickets/:id/typing: the agent's "is typing", shown in the visitor's widget on chat tickets.
// Other channels have no way to show it, so it is accepted there and goes nowhere.
import { Hono } from 'hono'
import { agentTypingSchema } from '../../../shared/schema/typing.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { findVisibleTicket } from '../../tickets/get-ticket.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson } from '../read-input.ts'

export function typingRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.post('/:id/typing', async (c) => {
    const { typing } = await readJson(c, agentTypingSchema)
    const actor = c.get('actor')
    const ticket = await findVisibleTicket(deps.database.db, actor, c.req.param('id'))
    const shown = ticket.channelKind === 'chat' ? await deps.chat.agentTyping(ticket.id, actor.name, typing) : false
    return c.json({ shown })
  })
  return app
}
