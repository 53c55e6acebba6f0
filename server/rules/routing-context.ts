// What one run of the rules reads of a workspace, once: agents with their load (only when a rule may
// choose or name an agent), calendars and SLA policies (which the engine keeps for a few seconds).
import { asc, eq, sql } from 'drizzle-orm'
import type { Hours } from '../calendars/business-hours.ts'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'
import { agents } from '../db/schema/agents.ts'
import { calendars, slaPolicies } from '../db/schema/routing.ts'
import type { PolicyRow } from '../sla/sla-due.ts'
import type { AgentLoad } from './pick-agent.ts'

export interface RoutingSettings {
  calendars: Map<string, Hours>
  policies: PolicyRow[]
}

export interface RoutingContext extends RoutingSettings {
  agents: AgentLoad[]
}

export async function loadRoutingSettings(db: Db, workspaceId: string): Promise<RoutingSettings> {
  const calendarRows = await db.select().from(calendars).where(eq(calendars.workspaceId, workspaceId))
  const policies = await db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.position))
  return { calendars: new Map(calendarRows.map((c) => [c.id, c])), policies }
}

export async function loadAgentLoads(db: Db, workspaceId: string): Promise<AgentLoad[]> {
  const found = await rows<{
    id: string
    name: string
    role: string
    availability: string
    skills: string[]
    capacity: number
    team_ids: string[] | null
    open_tickets: number
  }>(
    db,
    sql`select a.id, a.name, a.role, a.availability, a.skills, a.capacity,
               (select array_agg(m.team_id) from team_members m where m.agent_id = a.id) as team_ids,
               (select count(*)::int from tickets t where t.workspace_id = a.workspace_id and t.assignee_id = a.id
                  and t.status in ('open', 'pending')) as open_tickets
        from ${agents} a where a.workspace_id = ${workspaceId}`,
  )
  return found.map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    availability: a.availability,
    skills: a.skills,
    capacity: a.capacity,
    teamIds: a.team_ids ?? [],
    openTickets: a.open_tickets,
  }))
}
