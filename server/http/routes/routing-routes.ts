// Business-hours calendars and SLA policies: settings, so admins define them; every agent may read them.
import { Hono } from 'hono'
import { createCalendarSchema } from '../../../shared/schema/calendar.ts'
import { createSlaPolicySchema } from '../../../shared/schema/sla-policy.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { createCalendar, listCalendars } from '../../calendars/calendar-directory.ts'
import { createSlaPolicy, listSlaPolicies } from '../../sla/sla-policy-directory.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function routingRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.post('/calendars', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const calendar = await createCalendar(db, actor.workspaceId, await readJson(c, createCalendarSchema))
    deps.afterCommit.automationChanged(actor.workspaceId)
    return c.json({ calendar }, 201)
  })
  app.get('/calendars', async (c) => c.json({ items: await listCalendars(db, c.get('actor').workspaceId) }))

  app.post('/sla-policies', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const policy = await createSlaPolicy(db, actor.workspaceId, await readJson(c, createSlaPolicySchema))
    deps.afterCommit.automationChanged(actor.workspaceId)
    return c.json({ policy }, 201)
  })
  app.get('/sla-policies', async (c) => c.json({ items: await listSlaPolicies(db, c.get('actor').workspaceId) }))

  return app
}
