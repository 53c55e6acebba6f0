// Agents of a workspace: creation (admin only, checked by the route) and the list with team membership.
import { asc, eq, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Agent, CreateAgent } from '../../shared/schema/agent.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { agents, teamMembers } from '../db/schema/agents.ts'
import { hashPassword } from '../security/password.ts'

export async function createAgent(db: Db, workspaceId: string, input: CreateAgent, actorId: string | null): Promise<Agent> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agents)
      .values({ id: newId(), workspaceId, email: input.email, name: input.name, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new AppError('conflict', `An agent with the email ${input.email} exists already.`)
    await recordAudit(tx, [
      {
        workspaceId,
        actorType: actorId ? 'agent' : 'system',
        actorId,
        action: 'agent.created',
        entityType: 'agent',
        entityId: row.id,
        data: { email: row.email, role: row.role },
      },
    ])
    return { id: row.id, email: row.email, name: row.name, role: row.role, teamIds: [], createdAt: row.createdAt.toISOString() }
  })
}

export async function listAgents(db: Db, workspaceId: string): Promise<Agent[]> {
  const list = await db.select().from(agents).where(eq(agents.workspaceId, workspaceId)).orderBy(asc(agents.createdAt))
  const memberships = await rows<{ agent_id: string; team_id: string }>(
    db,
    sql`select ${teamMembers.agentId} as agent_id, ${teamMembers.teamId} as team_id from ${teamMembers}
        where ${teamMembers.workspaceId} = ${workspaceId}`,
  )
  return list.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds: memberships.filter((m) => m.agent_id === row.id).map((m) => m.team_id),
    createdAt: row.createdAt.toISOString(),
  }))
}

export async function getAgent(db: Db, agentId: string): Promise<Agent> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId))
  if (!row) throw new AppError('not_found', `No agent ${agentId}.`)
  const teams = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.agentId, agentId))
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds: teams.map((t) => t.teamId),
    createdAt: row.createdAt.toISOString(),
  }
}
