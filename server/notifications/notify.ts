// Notifications for agents: written in the transaction of the change they tell about, read and marked
// read by the agent they are for. A team is told by telling each of its members.
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Notification, NotificationKind } from '../../shared/schema/notification.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { teamMembers } from '../db/schema/agents.ts'
import { notifications } from '../db/schema/routing.ts'

export interface NotificationEntry {
  workspaceId: string
  agentId?: string | null
  teamId?: string | null
  kind: NotificationKind
  ticketId: string | null
  body: string
  at: Date
}

/** Writes the notifications (team ones for every member); returns the agents told. */
export async function notify(db: Db, entries: readonly NotificationEntry[]): Promise<string[]> {
  const teamIds = [...new Set(entries.flatMap((e) => (e.teamId ? [e.teamId] : [])))]
  const members = teamIds.length ? await db.select().from(teamMembers).where(inArray(teamMembers.teamId, teamIds)) : []
  const records = entries.flatMap((e) => {
    const agentIds = e.agentId ? [e.agentId] : members.filter((m) => m.teamId === e.teamId).map((m) => m.agentId)
    return [...new Set(agentIds)].map((agentId) => ({
      id: newId(),
      workspaceId: e.workspaceId,
      agentId,
      kind: e.kind,
      ticketId: e.ticketId,
      body: e.body,
      createdAt: e.at,
    }))
  })
  if (!records.length) return []
  await db.execute(notificationInsert(records))
  return records.map((r) => r.agentId)
}

function notificationInsert(records: object[]): SQL {
  return insertJsonRecords('notifications', records, {
    id: 'uuid',
    workspaceId: 'uuid',
    agentId: 'uuid',
    kind: 'text',
    ticketId: 'uuid',
    body: 'text',
    createdAt: 'timestamptz',
  })
}

export async function listNotifications(
  db: Db,
  actor: Actor,
  query: { unread?: 'true' | 'false' | undefined; limit: number },
): Promise<{ items: Notification[]; unread: number }> {
  const mine = eq(notifications.agentId, actor.agentId)
  const found = await db
    .select()
    .from(notifications)
    .where(query.unread === 'true' ? and(mine, isNull(notifications.readAt)) : mine)
    .orderBy(desc(notifications.createdAt))
    .limit(query.limit)
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)))
  return {
    items: found.map((row) => ({
      id: row.id,
      kind: row.kind as NotificationKind,
      ticketId: row.ticketId,
      body: row.body,
      readAt: row.readAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    unread: count?.n ?? 0,
  }
}

/** Marks one notification read, or all of the agent's when id is null. */
export async function markNotificationsRead(db: Db, actor: Actor, id: string | null, at: Date): Promise<void> {
  const mine = and(eq(notifications.agentId, actor.agentId), isNull(notifications.readAt))
  const updated = await db
    .update(notifications)
    .set({ readAt: at })
    .where(id ? and(mine, eq(notifications.id, id)) : mine)
    .returning({ id: notifications.id })
  if (id && !updated.length) {
    const [exists] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.agentId, actor.agentId)))
    if (!exists) throw new AppError('not_found', `No notification ${id}.`)
  }
}
