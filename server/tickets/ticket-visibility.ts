// Which tickets an actor may see: admins and supervisors see all of their workspace; an agent sees the
// tickets assigned to them, those of their teams, and those in no team (the shared queue).
import { and, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Actor } from '../auth/actor.ts'
import { teamMembers } from '../db/schema/agents.ts'
import { tickets } from '../db/schema/tickets.ts'

export function visibleTickets(actor: Actor): SQL {
  const workspace = eq(tickets.workspaceId, actor.workspaceId)
  if (actor.role !== 'agent') return workspace
  const inMyTeams = sql`${tickets.teamId} in (select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.agentId} = ${actor.agentId})`
  return and(workspace, or(eq(tickets.assigneeId, actor.agentId), isNull(tickets.teamId), inMyTeams))!
}
