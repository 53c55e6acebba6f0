// Agents of a workspace: creation and changes (admin only, checked by the route), and the list with team
// membership, routing settings (skills, capacity, shift) and the open tickets each holds now.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Agent, CreateAgent, UpdateAgent } from '../../shared/schema/agent.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import { requireCalendar } from '../calendars/calendar-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { agents, teamMembers, teams } from '../db/schema/agents.ts'
import { tickets } from '../db/schema/tickets.ts'
import { hashPassword } from '../security/password.ts'

type AgentRow = typeof agents.$inferSelect

export async function createAgent(
  db: Db,
  workspaceId: string,
  input: CreateAgent,
  actorId: string | null,
  now: Date,
): Promise<Agent> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agents)
      .values({ id: newId(), workspaceId, email: input.email, name: input.name, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new AppError('conflict', `An agent with the email ${input.email} exists already.`)
    await recordAudit(
      tx,
      [
        {
          workspaceId,
          actorType: actorId ? 'agent' : 'system',
          actorId,
          action: 'agent.created',
          entityType: 'agent',
          entityId: row.id,
          data: { email: row.email, role: row.role },
        },
      ],
      now,
    )
    return toAgent(row, [], 0)
  })
}

export async function listAgents(db: Db, workspaceId: string): Promise<Agent[]> {
  const list = await db.select().from(agents).where(eq(agents.workspaceId, workspaceId)).orderBy(asc(agents.createdAt))
  return withMembershipAndLoad(db, workspaceId, list)
}

export async function getAgent(db: Db, agentId: string): Promise<Agent> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId))
  if (!row) throw new AppError('not_found', `No agent ${agentId}.`)
  return (await withMembershipAndLoad(db, row.workspaceId, [row]))[0]!
}

/** PATCH /api/agents/:id: name, role, skills, capacity and team membership (replaced whole). */
export async function updateAgent(db: Db, actor: Actor, agentId: string, patch: UpdateAgent, now: Date): Promise<Agent> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(agents)
      .where(and(eq(agents.id, agentId), eq(agents.workspaceId, actor.workspaceId)))
      .for('update')
    if (!before) throw new AppError('not_found', `No agent ${agentId}.`)
    const { teamIds, ...fields } = patch
    if (fields.shiftCalendarId) await requireCalendar(tx, actor.workspaceId, fields.shiftCalendarId, 'shiftCalendarId')
    if (Object.keys(fields).length) {
      const skills = fields.skills ? [...new Set(fields.skills)] : undefined
      await tx
        .update(agents)
        .set({ ...fields, ...(skills ? { skills } : {}) })
        .where(eq(agents.id, agentId))
    }
    if (teamIds) {
      const unique = [...new Set(teamIds)]
      const known = unique.length
        ? await tx
            .select({ id: teams.id })
            .from(teams)
            .where(and(eq(teams.workspaceId, actor.workspaceId), inArray(teams.id, unique)))
        : []
      const missing = unique.find((id) => !known.some((k) => k.id === id))
      if (missing)
        throw new AppError('invalid_input', `No team ${missing}.`, [{ path: 'teamIds', message: `No team ${missing}.` }])
      await tx.delete(teamMembers).where(eq(teamMembers.agentId, agentId))
      if (unique.length)
        await tx.insert(teamMembers).values(unique.map((teamId) => ({ workspaceId: actor.workspaceId, teamId, agentId })))
    }
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'agent.updated',
          entityType: 'agent',
          entityId: agentId,
          data: { ...patch },
        },
      ],
      now,
    )
  })
  return getAgent(db, agentId)
}

async function withMembershipAndLoad(db: Db, workspaceId: string, list: AgentRow[]): Promise<Agent[]> {
  if (!list.length) return []
  const ids = list.map((a) => a.id)
  const memberships = await rows<{ agent_id: string; team_id: string }>(
    db,
    sql`select ${teamMembers.agentId} as agent_id, ${teamMembers.teamId} as team_id from ${teamMembers}
        where ${teamMembers.workspaceId} = ${workspaceId}`,
  )
  const load = await db
    .select({ agentId: tickets.assigneeId, n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(
      and(eq(tickets.workspaceId, workspaceId), inArray(tickets.assigneeId, ids), inArray(tickets.status, ['open', 'pending'])),
    )
    .groupBy(tickets.assigneeId)
  return list.map((row) =>
    toAgent(
      row,
      memberships.filter((m) => m.agent_id === row.id).map((m) => m.team_id),
      load.find((l) => l.agentId === row.id)?.n ?? 0,
    ),
  )
}

function toAgent(row: AgentRow, teamIds: string[], openTickets: number): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds,
    skills: row.skills,
    capacity: row.capacity,
    availability: row.availability,
    openTickets,
    shiftCalendarId: row.shiftCalendarId,
    createdAt: row.createdAt.toISOString(),
  }
}
