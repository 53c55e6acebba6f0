// The workspace's tag list: everyone reads it (the ticket's tag field offers it); admins and supervisors
// make, rename, recolour, merge and delete tags. Each change is announced to open apps after commit.
import { type Context, Hono } from 'hono'
import { createTagSchema, mergeTagSchema, updateTagSchema } from '../../../shared/schema/tag.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { storable } from '../../db/storable-text.ts'
import { createTag } from '../../tags/create-tag.ts'
import { deleteTag } from '../../tags/delete-tag.ts'
import { listTags } from '../../tags/list-tags.ts'
import { mergeTag } from '../../tags/merge-tag.ts'
import { updateTag } from '../../tags/update-tag.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

/** The tag a path names; a NUL or a broken character in it (no tag can hold one) finds no tag. */
const tagName = (c: Context<AppEnv>): string => storable(c.req.param('name') ?? '')

export function tagRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.json({ items: await listTags(db, c.get('actor')) }))
  app.post('/', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    const tag = await createTag(db, actor, await readJson(c, createTagSchema), deps.clock.now())
    deps.afterCommit.tagsChanged(actor.workspaceId)
    return c.json({ tag }, 201)
  })
  app.patch('/:name', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    const result = await updateTag(db, actor, tagName(c), await readJson(c, updateTagSchema), deps.clock.now())
    afterChange(deps, actor.workspaceId, result.rulesChanged)
    return c.json(result)
  })
  app.post('/:name/merge', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    const result = await mergeTag(db, actor, tagName(c), await readJson(c, mergeTagSchema), deps.clock.now())
    afterChange(deps, actor.workspaceId, result.rulesChanged)
    return c.json(result)
  })
  app.delete('/:name', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    const ticketsChanged = await deleteTag(db, actor, tagName(c), deps.clock.now())
    deps.afterCommit.tagsChanged(actor.workspaceId)
    return c.json({ ok: true as const, ticketsChanged })
  })

  return app
}

/** Open apps read the list again (the tickets follow through the sync); rules that were rewritten are read again. */
function afterChange(deps: AppDeps, workspaceId: string, rulesChanged: number): void {
  deps.afterCommit.tagsChanged(workspaceId)
  if (rulesChanged) deps.afterCommit.automationChanged(workspaceId)
}
