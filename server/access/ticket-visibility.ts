// Which tickets an agent may see: admins and supervisors see all of their workspace; an agent sees the
// tickets assigned to them, those of their teams, and those in no team (the shared queue). The one
// definition: routes, sockets, sync, contacts and mentions all ask this predicate.
import { and, type Column, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Actor } from '../auth/actor.ts'
import { teamMembers } from '../db/schema/agents.ts'
import { tickets } from '../db/schema/tickets.ts'

/** Whose sight is asked about: the caller, or a colleague (a mention names one). */
export type Viewer = Pick<Actor, 'agentId' | 'workspaceId' | 'role'>

export function visibleTickets(viewer: Viewer): SQL {
  const workspace = eq(tickets.workspaceId, viewer.workspaceId)
  if (viewer.role !== 'agent') return workspace
  return and(workspace, agentSees(viewer.agentId))!
}

/**
 * The same rule for many viewers in one query (the live sync push asks it of every agent with a stream
 * open): their role and id are columns of the query, joined to tickets of their workspace by the caller.
 * Null, not false, for a ticket in another team with no assignee.
 */
export function visibleToViewers(viewer: { role: Column | SQL; agentId: Column | SQL }): SQL {
  return sql`(${viewer.role} <> 'agent' or ${agentSees(viewer.agentId)})`
}

function agentSees(agentId: string | Column | SQL): SQL {
  const inMyTeams = sql`${tickets.teamId} in (select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.agentId} = ${agentId})`
  return or(eq(tickets.assigneeId, agentId), isNull(tickets.teamId), inMyTeams)!
}
