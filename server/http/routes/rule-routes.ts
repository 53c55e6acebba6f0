// Automation rules: admins define them; supervisors may read them.
import { Hono } from 'hono'
import { createRuleSchema, updateRuleSchema } from '../../../shared/schema/rule.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { createRule, deleteRule, listRules, updateRule } from '../../rules/rule-directory.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function ruleRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    return c.json({ items: await listRules(db, actor.workspaceId) })
  })
  app.post('/', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const rule = await createRule(db, actor, await readJson(c, createRuleSchema), deps.clock.now())
    deps.afterCommit.automationChanged(actor.workspaceId)
    return c.json({ rule }, 201)
  })
  app.patch('/:id', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const rule = await updateRule(db, actor, c.req.param('id'), await readJson(c, updateRuleSchema), deps.clock.now())
    deps.afterCommit.automationChanged(actor.workspaceId)
    return c.json({ rule })
  })
  app.delete('/:id', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    await deleteRule(db, actor, c.req.param('id'), deps.clock.now())
    deps.afterCommit.automationChanged(actor.workspaceId)
    return c.json({ ok: true })
  })

  return app
}
