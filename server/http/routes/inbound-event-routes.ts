// Admins: the inbound events not ingested yet (pending a retry, or failed after their attempts), and
// retrying one now.
import { Hono } from 'hono'
import { idSchema } from '../../../shared/schema/common.ts'
import { inboundEventListQuerySchema } from '../../../shared/schema/inbound-event.ts'
import { validate } from '../../../shared/validate.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { listInboundEvents, retryInboundEvent } from '../../inbound/inbound-event-view.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readQuery } from '../read-input.ts'

export function inboundEventRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    return c.json(await listInboundEvents(db, actor, readQuery(c, inboundEventListQuerySchema)))
  })
  app.post('/:id/retry', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const inboundEvent = await retryInboundEvent(db, deps.ingest, actor, validate(idSchema, c.req.param('id')))
    return c.json({ inboundEvent })
  })

  return app
}
