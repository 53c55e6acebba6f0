// Teams of a workspace: creation with members, and the list.
import { and, asc, eq, inArray } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Team } from '../../shared/schema/team.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { agents, teamMembers, teams } from '../db/schema/agents.ts'

export async function createTeam(db: Db, actor: Actor, input: { name: string; agentIds: string[] }, now: Date): Promise<Team> {
  const agentIds = [...new Set(input.agentIds)]
  return db.transaction(async (tx) => {
    if (agentIds.length) {
      const known = await tx
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.workspaceId, actor.workspaceId), inArray(agents.id, agentIds)))
      const missing = agentIds.filter((id) => !known.some((k) => k.id === id))
      if (missing.length) {
        throw new AppError('invalid_input', `No agent ${missing.join(', ')}.`, [
          { path: 'agentIds', message: 'Unknown agent', missing },
        ])
      }
    }
    const [team] = await tx.insert(teams).values({ id: newId(), workspaceId: actor.workspaceId, name: input.name }).returning()
    if (agentIds.length) {
      await tx
        .insert(teamMembers)
        .values(agentIds.map((agentId) => ({ workspaceId: actor.workspaceId, teamId: team!.id, agentId })))
    }
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'team.created',
          entityType: 'team',
          entityId: team!.id,
          data: { name: input.name, agentIds },
        },
      ],
      now,
    )
    return { id: team!.id, name: team!.name, agentIds, createdAt: team!.createdAt.toISOString() }
  })
}

export async function listTeams(db: Db, workspaceId: string): Promise<Team[]> {
  const list = await db.select().from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.createdAt))
  const members = await db.select().from(teamMembers).where(eq(teamMembers.workspaceId, workspaceId))
  return list.map((team) => ({
    id: team.id,
    name: team.name,
    agentIds: members.filter((m) => m.teamId === team.id).map((m) => m.agentId),
    createdAt: team.createdAt.toISOString(),
  }))
}
