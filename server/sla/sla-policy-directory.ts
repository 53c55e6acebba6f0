// SLA policies of a workspace, in creation order: the first that matches a ticket applies.
import { asc, eq } from 'drizzle-orm'
import type { CreateSlaPolicy, SlaPolicy } from '../../shared/schema/sla-policy.ts'
import { requireCalendar } from '../calendars/calendar-directory.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { slaPolicies } from '../db/schema/routing.ts'

type PolicyRow = typeof slaPolicies.$inferSelect

function toPolicy(row: PolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    channelKinds: row.channelKinds as SlaPolicy['channelKinds'],
    priorities: row.priorities as SlaPolicy['priorities'],
    calendarId: row.calendarId,
    targets: row.targets,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function createSlaPolicy(db: Db, workspaceId: string, input: CreateSlaPolicy): Promise<SlaPolicy> {
  if (input.calendarId) await requireCalendar(db, workspaceId, input.calendarId, 'calendarId')
  const [row] = await db
    .insert(slaPolicies)
    .values({
      id: newId(),
      workspaceId,
      name: input.name,
      channelKinds: input.channelKinds ?? [],
      priorities: input.priorities ?? [],
      calendarId: input.calendarId ?? null,
      targets: input.targets,
    })
    .returning()
  return toPolicy(row!)
}

export async function listSlaPolicies(db: Db, workspaceId: string): Promise<SlaPolicy[]> {
  const found = await db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.position))
  return found.map(toPolicy)
}
