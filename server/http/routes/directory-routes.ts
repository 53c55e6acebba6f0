// Agents, teams and channels.
import { Hono } from 'hono'
import { createAgentSchema } from '../../../shared/schema/agent.ts'
import { createChannelSchema, updateChannelSchema } from '../../../shared/schema/channel.ts'
import { createTeamSchema } from '../../../shared/schema/team.ts'
import { createAgent, listAgents } from '../../agents/agent-directory.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { createChannel, listChannels } from '../../channels/channel-directory.ts'
import { updateChannel } from '../../channels/update-channel.ts'
import { createTeam, listTeams } from '../../teams/team-directory.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

export function directoryRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.post('/agents', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const agent = await createAgent(db, actor.workspaceId, await readJson(c, createAgentSchema), actor.agentId, deps.clock.now())
    return c.json({ agent }, 201)
  })
  app.get('/agents', async (c) => c.json({ items: await listAgents(db, c.get('actor').workspaceId) }))

  app.post('/teams', async (c) => {
    const actor = c.get('actor')
    // Teams decide which tickets agents see: a setting, for admins.
    requireRole(actor, 'admin')
    return c.json({ team: await createTeam(db, actor, await readJson(c, createTeamSchema), deps.clock.now()) }, 201)
  })
  app.get('/teams', async (c) => c.json({ items: await listTeams(db, c.get('actor').workspaceId) }))

  app.post('/channels', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const input = await readJson(c, createChannelSchema)
    return c.json({ channel: await createChannel(db, deps.box, actor, input, deps.config.publicUrl, deps.clock.now()) }, 201)
  })
  app.patch('/channels/:id', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const patch = await readJson(c, updateChannelSchema)
    return c.json({
      channel: await updateChannel(db, deps.box, actor, c.req.param('id'), patch, deps.config.publicUrl, deps.clock.now()),
    })
  })
  app.get('/channels', async (c) => {
    const items = await listChannels(db, deps.box, c.get('actor').workspaceId, deps.config.publicUrl)
    return c.json({ items })
  })

  return app
}
