// The signed-in agent's notifications: newest first, and marking them read.
import { Hono } from 'hono'
import { idSchema } from '../../../shared/schema/common.ts'
import { notificationListQuerySchema } from '../../../shared/schema/notification.ts'
import { validate } from '../../../shared/validate.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { listNotifications, markNotificationsRead } from '../../notifications/notify.ts'
import type { AppDeps } from '../app-deps.ts'
import { readQuery } from '../read-input.ts'

export function notificationRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.json(await listNotifications(db, c.get('actor'), readQuery(c, notificationListQuerySchema))))
  app.post('/read', async (c) => {
    await markNotificationsRead(db, c.get('actor'), null, deps.clock.now())
    return c.json({ ok: true })
  })
  app.post('/:id/read', async (c) => {
    await markNotificationsRead(db, c.get('actor'), validate(idSchema, c.req.param('id')), deps.clock.now())
    return c.json({ ok: true })
  })

  return app
}
