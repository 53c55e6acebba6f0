// Shift schedules: an agent with a shift calendar is set online when it opens and offline when it closes,
// for the stretch of time (from, to] the scheduler looks at. Only the moments a shift starts or ends
// change anything, so an agent who sets themselves away in the middle of a shift stays away.
import { isNotNull, sql } from 'drizzle-orm'
import { type AuditEntry, recordAudit } from '../audit/audit-entry.ts'
import { isWithinHours } from '../calendars/business-hours.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { agents } from '../db/schema/agents.ts'
import { calendars } from '../db/schema/routing.ts'

/** Applies the shifts that started or ended; returns the workspaces where someone came online. */
export async function applyShifts(db: Db, from: Date, to: Date): Promise<string[]> {
  const onShift = await db
    .select({ id: agents.id, workspaceId: agents.workspaceId, availability: agents.availability, calendar: calendars })
    .from(agents)
    .innerJoin(calendars, sql`${calendars.id} = ${agents.shiftCalendarId}`)
    .where(isNotNull(agents.shiftCalendarId))
  const changes = onShift.flatMap((a) => {
    const was = isWithinHours(a.calendar, from)
    const is = isWithinHours(a.calendar, to)
    if (was === is) return []
    const next = is ? ('online' as const) : ('offline' as const)
    return a.availability === next ? [] : [{ id: a.id, workspaceId: a.workspaceId, from: a.availability, to: next }]
  })
  if (!changes.length) return []
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update agents a set availability = v.next from ${jsonRecords(
        changes.map((c) => ({ id: c.id, next: c.to })),
        'id uuid, next text',
      )} where a.id = v.id`,
    )
    const audit: AuditEntry[] = changes.map((c) => ({
      workspaceId: c.workspaceId,
      actorType: 'system',
      actorId: null,
      action: 'agent.availability_changed',
      entityType: 'agent',
      entityId: c.id,
      data: { from: c.from, to: c.to, by: 'shift' },
    }))
    await recordAudit(tx, audit, to)
  })
  return [...new Set(changes.filter((c) => c.to === 'online').map((c) => c.workspaceId))]
}
