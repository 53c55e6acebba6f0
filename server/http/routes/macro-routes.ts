// Macros: every agent lists and runs them; admins and supervisors make, change and delete them.
import { Hono } from 'hono'
import { createMacroSchema, runMacroSchema, updateMacroSchema } from '../../../shared/schema/macro.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { createMacro } from '../../macros/create-macro.ts'
import { deleteMacro } from '../../macros/delete-macro.ts'
import { listMacros } from '../../macros/list-macros.ts'
import { runMacro } from '../../macros/run-macro.ts'
import { updateMacro } from '../../macros/update-macro.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function macroRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.json({ items: await listMacros(db, c.get('actor')) }))
  app.post('/', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    const macro = await createMacro(db, actor, await readJson(c, createMacroSchema), deps.clock.now())
    return c.json({ macro }, 201)
  })
  app.patch('/:id', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    const patch = await readJson(c, updateMacroSchema)
    return c.json({ macro: await updateMacro(db, actor, c.req.param('id'), patch, deps.clock.now()) })
  })
  app.delete('/:id', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    await deleteMacro(db, actor, c.req.param('id'), deps.clock.now())
    return c.json({ ok: true })
  })
  app.post('/:id/run', async (c) => {
    const actor = c.get('actor')
    const request = await readJson(c, runMacroSchema)
    const { results, changed, assigns } = await runMacro(db, actor, c.req.param('id'), request, deps.clock.now())
    if (changed.length && assigns) await deps.afterCommit.assignmentsChanged(actor.workspaceId, changed)
    if (changed.length)
      await deps.afterCommit.ticketsUpdated(
        actor.workspaceId,
        changed.map((t) => t.id),
      )
    return c.json({ results })
  })
  return app
}
