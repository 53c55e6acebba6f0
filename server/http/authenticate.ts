// Who is asking: a session cookie (signed with SECRET_KEY) or an API token as a bearer token.
// Every /api route except sign-in sits behind this; roles are checked with requireRole.
import type { Context, MiddlewareHandler } from 'hono'
import { getSignedCookie } from 'hono/cookie'
import { AppError } from '../../shared/errors.ts'
import type { Role } from '../../shared/schema/agent.ts'
import type { AgentActivity } from '../agents/agent-activity.ts'
import type { Actor, AppEnv } from '../auth/actor.ts'
import { actorForSession, actorForToken, sessionCookie } from '../auth/sessions.ts'
import type { Db } from '../db/create-db.ts'

export async function findActor(c: Context, db: Db, secretKey: string): Promise<Actor | null> {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
  if (bearer) return actorForToken(db, bearer)
  const session = await getSignedCookie(c, secretKey, sessionCookie)
  return session ? actorForSession(db, session) : null
}

export function authenticate(db: Db, secretKey: string, activity?: AgentActivity): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await findActor(c, db, secretKey)
    if (!actor) throw new AppError('not_signed_in', 'Sign in, or send an API token as "Authorization: Bearer TOKEN".')
    c.set('actor', actor)
    activity?.seen(actor.agentId)
    await next()
  }
}

/** Refuses the request with 403 unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new AppError('forbidden', `This needs the ${roles.join(' or ')} role.`)
  }
}
