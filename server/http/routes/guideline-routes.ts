// Reply guidelines: everyone reads them (the composer shows them beside the reply); admins change them.
import { Hono } from 'hono'
import { updateGuidelinesSchema } from '../../../shared/schema/guidelines.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { readGuidelines } from '../../guidelines/read-guidelines.ts'
import { updateGuidelines } from '../../guidelines/update-guidelines.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function guidelineRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()
  app.get('/', async (c) => c.json(await readGuidelines(db, c.get('actor').workspaceId)))
  app.put('/', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    return c.json(await updateGuidelines(db, actor, await readJson(c, updateGuidelinesSchema), deps.clock.now()))
  })
  return app
}
