// POST /api/tickets/:id/render-saved-reply: a saved reply filled in for one ticket, for the composer.
import { Hono } from 'hono'
import { renderSavedReplySchema } from '../../../shared/schema/saved-reply.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { renderForTicket } from '../../saved-replies/render-for-ticket.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson } from '../read-input.ts'

export function renderSavedReplyRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()
  app.post('/:id/render-saved-reply', async (c) => {
    const { savedReplyId } = await readJson(c, renderSavedReplySchema)
    return c.json(await renderForTicket(db, c.get('actor'), c.req.param('id'), savedReplyId, deps.clock.now()))
  })
  return app
}
