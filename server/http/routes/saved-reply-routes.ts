// Saved replies: everyone lists what they may see and keeps personal ones; who writes shared ones is
// decided per scope in server/saved-replies/saved-reply-access.ts.
import { Hono } from 'hono'
import { createSavedReplySchema, savedReplyListQuerySchema, updateSavedReplySchema } from '../../../shared/schema/saved-reply.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { createSavedReply } from '../../saved-replies/create-saved-reply.ts'
import { deleteSavedReply } from '../../saved-replies/delete-saved-reply.ts'
import { listSavedReplies } from '../../saved-replies/list-saved-replies.ts'
import { updateSavedReply } from '../../saved-replies/update-saved-reply.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson, readQuery } from '../read-input.ts'

export function savedReplyRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.json(await listSavedReplies(db, c.get('actor'), readQuery(c, savedReplyListQuerySchema))))
  app.post('/', async (c) => {
    const input = await readJson(c, createSavedReplySchema)
    return c.json({ savedReply: await createSavedReply(db, c.get('actor'), input, deps.clock.now()) }, 201)
  })
  app.patch('/:id', async (c) => {
    const patch = await readJson(c, updateSavedReplySchema)
    return c.json({ savedReply: await updateSavedReply(db, c.get('actor'), c.req.param('id'), patch, deps.clock.now()) })
  })
  app.delete('/:id', async (c) => {
    await deleteSavedReply(db, c.get('actor'), c.req.param('id'), deps.clock.now())
    return c.json({ ok: true })
  })
  return app
}
