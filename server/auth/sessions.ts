// Sign-in sessions and API tokens: both are random secrets whose SHA-256 is looked up on each request.
import { and, eq, gt } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { agents, apiTokens, sessions } from '../db/schema/agents.ts'
import { hashToken, newOpaqueToken } from '../security/opaque-token.ts'
import type { Actor } from './actor.ts'

/** The signed cookie that carries a sign-in session (the REST API and the sockets read it). */
export const sessionCookie = 'hd_session'
/** Sessions last real time (the system clock), never the server clock tests move. */
export const sessionLifetimeMs = 30 * 86_400_000

export async function createSession(db: Db, agent: { id: string; workspaceId: string }): Promise<string> {
  const secret = newOpaqueToken('hds')
  await db.insert(sessions).values({
    id: newId(),
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    secretHash: hashToken(secret),
    expiresAt: new Date(Date.now() + sessionLifetimeMs),
  })
  return secret
}

/** Signs a session out; resolves with whose it was (null when there was no such session). */
export async function deleteSession(db: Db, secret: string): Promise<{ agentId: string; workspaceId: string } | null> {
  const [deleted] = await db
    .delete(sessions)
    .where(eq(sessions.secretHash, hashToken(secret)))
    .returning({ agentId: sessions.agentId })
  if (!deleted) return null
  const [agent] = await db.select({ workspaceId: agents.workspaceId }).from(agents).where(eq(agents.id, deleted.agentId))
  return agent ? { agentId: deleted.agentId, workspaceId: agent.workspaceId } : null
}

/** Whether the agent is still signed in somewhere (a session that has not expired). */
export async function hasLiveSession(db: Db, agentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.agentId, agentId), gt(sessions.expiresAt, new Date())))
    .limit(1)
  return Boolean(row)
}

const actorColumns = {
  agentId: agents.id,
  workspaceId: agents.workspaceId,
  role: agents.role,
  name: agents.name,
  email: agents.email,
}

export async function actorForSession(db: Db, secret: string): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.secretHash, hashToken(secret)), gt(sessions.expiresAt, new Date())))
  return row ? { ...row, via: 'session' } : null
}

export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(apiTokens)
    .innerJoin(agents, eq(agents.id, apiTokens.agentId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
  return row ? { ...row, via: 'token' } : null
}

export async function createApiToken(db: Db, actor: Actor, name: string): Promise<{ id: string; token: string }> {
  const token = newOpaqueToken('hdt')
  const id = newId()
  await db
    .insert(apiTokens)
    .values({ id, workspaceId: actor.workspaceId, agentId: actor.agentId, name, tokenHash: hashToken(token) })
  return { id, token }
}
