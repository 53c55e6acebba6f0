// Sign-in, sign-out, who am I, and API tokens.
import { eq, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import { AppError } from '../../../shared/errors.ts'
import { createTokenSchema, loginSchema } from '../../../shared/schema/agent.ts'
import { getAgent } from '../../agents/agent-directory.ts'
import { setAvailability } from '../../agents/availability.ts'
import { recordAudit } from '../../audit/audit-entry.ts'
import type { AppEnv } from '../../auth/actor.ts'
import {
  createApiToken,
  createSession,
  deleteSession,
  hasLiveSession,
  sessionCookie,
  sessionLifetimeMs,
} from '../../auth/sessions.ts'
import { agents } from '../../db/schema/agents.ts'
import { unknownAgentHash, verifyPassword } from '../../security/password.ts'
import type { AppDeps } from '../app-deps.ts'
import { authenticate, requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'
import { requestClient } from '../request-client.ts'

export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()
  const secure = deps.config.publicUrl.startsWith('https:')

  app.post('/auth/login', async (c) => {
    const input = await readJson(c, loginSchema)
    const client = requestClient(c, deps.config.TRUST_PROXY_HOPS)
    const wait = await deps.loginThrottle.retryAfter(input.email, client)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes.`, {
        retryAfterSeconds: wait,
      })
    }
    const [agent] = await db
      .select()
      .from(agents)
      .where(eq(sql`lower(${agents.email})`, input.email))
    const ok = await verifyPassword(input.password, agent?.passwordHash ?? unknownAgentHash)
    if (!agent || !ok) {
      await deps.loginThrottle.failed(input.email, client)
      throw new AppError('invalid_credentials', 'The email or password is wrong.')
    }
    await deps.loginThrottle.succeeded(input.email, client)
    deps.activity.seen(agent.id)
    const secret = await createSession(db, agent)
    await setSignedCookie(c, sessionCookie, secret, deps.secretKey, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: sessionLifetimeMs / 1000,
    })
    await recordAudit(
      db,
      [
        {
          workspaceId: agent.workspaceId,
          actorType: 'agent',
          actorId: agent.id,
          action: 'agent.signed_in',
          entityType: 'agent',
          entityId: agent.id,
        },
      ],
      deps.clock.now(),
    )
    // Signing in to work makes the agent available to routing, unless they asked to start otherwise.
    if (input.availability) {
      const actor = { ...agent, agentId: agent.id, via: 'session' as const }
      const changed = await setAvailability(db, actor, input.availability, deps.clock.now())
      if (changed && input.availability === 'online') await deps.afterCommit.agentOnline(agent.workspaceId)
    }
    return c.json({ agent: await getAgent(db, agent.id) })
  })

  app.post('/auth/logout', async (c) => {
    const secret = await getSignedCookie(c, deps.secretKey, sessionCookie)
    const signedOut = secret ? await deleteSession(db, secret) : null
    if (signedOut) {
      // The signed-out browser's ticket sockets close too.
      deps.afterCommit.accessChanged(signedOut.workspaceId, signedOut.agentId)
      // Nobody signed in as the agent is left to answer: routing gives them nothing more.
      if (!(await hasLiveSession(db, signedOut.agentId))) {
        const [agent] = await db.select().from(agents).where(eq(agents.id, signedOut.agentId))
        if (agent) await setAvailability(db, { ...agent, agentId: agent.id, via: 'session' }, 'offline', deps.clock.now())
      }
    }
    deleteCookie(c, sessionCookie, { path: '/' })
    return c.json({ ok: true })
  })

  app.use('/me', authenticate(db, deps.secretKey))
  app.get('/me', async (c) => c.json({ agent: await getAgent(db, c.get('actor').agentId) }))

  app.use('/tokens', authenticate(db, deps.secretKey))
  app.post('/tokens', async (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin')
    const { name } = await readJson(c, createTokenSchema)
    const { id, token } = await createApiToken(db, actor, name)
    await recordAudit(
      db,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'token.created',
          entityType: 'token',
          entityId: id,
          data: { name },
        },
      ],
      deps.clock.now(),
    )
    return c.json({ token, id, name }, 201)
  })

  return app
}
