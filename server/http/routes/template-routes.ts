// WhatsApp templates of a channel: GET and POST /api/channels/:id/templates, and POST
// /api/channels/:id/templates/sync (the account's templates read from Meta, admins only).
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { createTemplateSchema } from '../../../shared/schema/reply.ts'
import type { Actor, AppEnv } from '../../auth/actor.ts'
import { findChannel } from '../../channels/channel-directory.ts'
import { syncTemplates } from '../../channels/whatsapp/sync-templates.ts'
import { createTemplate, listTemplates } from '../../channels/whatsapp/whatsapp-templates.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function templateRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()
  const channelOf = async (actor: Actor, id: string) => {
    const channel = await findChannel(db, id)
    if (channel.workspaceId !== actor.workspaceId) throw new AppError('not_found', `No channel ${id}.`)
    return channel
  }

  app.get('/:id/templates', async (c) => {
    const channel = await channelOf(c.get('actor'), c.req.param('id'))
    return c.json({ items: await listTemplates(db, channel.id) })
  })
  app.post('/:id/templates', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const channel = await channelOf(actor, c.req.param('id'))
    return c.json(
      { template: await createTemplate(db, actor, channel, await readJson(c, createTemplateSchema), deps.clock.now()) },
      201,
    )
  })
  app.post('/:id/templates/sync', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const channel = await channelOf(actor, c.req.param('id'))
    const sync = { db, graph: deps.graph, graphVersion: deps.config.META_GRAPH_VERSION, box: deps.box }
    return c.json(await syncTemplates(sync, actor, channel, deps.clock.now()))
  })
  return app
}
