// Which tickets an agent may see: admins and supervisors see all of their workspace; an agent sees the
// tickets assigned to them, those of their teams, and those in no team (the shared queue). The one
// definition: routes, sockets, sync, contacts and mentions all ask this predicate.
import { and, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Actor } from '../auth/actor.ts'
import { teamMembers } from '../db/schema/agents.ts'
import { tickets } from '../db/schema/tickets.ts'

/** Whose sight is asked about: the caller, or a colleague (a mention names one). */
export type Viewer = Pick<Actor, 'agentId' | 'workspaceId' | 'role'>

export function visibleTickets(viewer: Viewer): SQL {
  const workspace = eq(tickets.workspaceId, viewer.workspaceId)
  if (viewer.role !== 'agent') return workspace
  const inMyTeams = sql`${tickets.teamId} in (select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.agentId} = ${viewer.agentId})`
  return and(workspace, or(eq(tickets.assigneeId, viewer.agentId), isNull(tickets.teamId), inMyTeams))!
}
