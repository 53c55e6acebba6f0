// Calendars of a workspace: created by admins, read by everyone.
import { and, asc, eq, inArray } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Calendar, CreateCalendar } from '../../shared/schema/calendar.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { calendars } from '../db/schema/routing.ts'

type CalendarRow = typeof calendars.$inferSelect

export function toCalendar(row: CalendarRow): Calendar {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly: row.weekly,
    holidays: row.holidays,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function createCalendar(db: Db, workspaceId: string, input: CreateCalendar): Promise<Calendar> {
  const [row] = await db
    .insert(calendars)
    .values({ id: newId(), workspaceId, ...input, holidays: [...new Set(input.holidays)].sort() })
    .returning()
  return toCalendar(row!)
}

export async function listCalendars(db: Db, workspaceId: string): Promise<Calendar[]> {
  const found = await db.select().from(calendars).where(eq(calendars.workspaceId, workspaceId)).orderBy(asc(calendars.createdAt))
  return found.map(toCalendar)
}

/** The calendars named, by id; ids of other workspaces are simply absent. */
export async function calendarsById(db: Db, workspaceId: string, ids: readonly string[]): Promise<Map<string, CalendarRow>> {
  if (!ids.length) return new Map()
  const found = await db
    .select()
    .from(calendars)
    .where(and(eq(calendars.workspaceId, workspaceId), inArray(calendars.id, [...new Set(ids)])))
  return new Map(found.map((row) => [row.id, row]))
}

/** Refuses a reference to a calendar the workspace does not have. */
export async function requireCalendar(db: Db, workspaceId: string, id: string, path: string): Promise<void> {
  if (!(await calendarsById(db, workspaceId, [id])).has(id)) {
    throw new AppError('invalid_input', `No calendar ${id}.`, [{ path, message: `No calendar ${id}.` }])
  }
}
