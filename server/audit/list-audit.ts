// The audit rows of one ticket or contact, newest first, paged by cursor (at most 200 a page). The
// caller has already checked that the asker may see the entity.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { AuditPage, AuditQuery } from '../../shared/schema/audit.ts'
import type { Db } from '../db/create-db.ts'
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.ts'
import { agents } from '../db/schema/agents.ts'
import { auditLog } from '../db/schema/audit-log.ts'
import { contacts } from '../db/schema/contacts.ts'
import { toAuditItem } from './audit-view.ts'

export async function listAudit(
  db: Db,
  entity: { workspaceId: string; type: 'ticket' | 'contact'; id: string },
  query: AuditQuery,
): Promise<AuditPage> {
  const conditions: SQL[] = [
    eq(auditLog.workspaceId, entity.workspaceId),
    eq(auditLog.entityType, entity.type),
    eq(auditLog.entityId, entity.id),
  ]
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['time', 'id'])
    conditions.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${at}::timestamptz, ${id}::uuid)`)
  }
  const found = await db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorName: sql<string | null>`coalesce(${agents.name}, ${contacts.name})`,
      action: auditLog.action,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      // Microseconds kept: a cursor cut to milliseconds would skip rows written within one.
      exactAt: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditLog)
    .leftJoin(agents, and(eq(auditLog.actorType, 'agent'), eq(agents.id, auditLog.actorId)))
    .leftJoin(contacts, and(eq(auditLog.actorType, 'contact'), eq(contacts.id, auditLog.actorId)))
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit + 1)
  const page = found.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => toAuditItem(row)),
    nextCursor: found.length > query.limit && last ? encodeCursor([last.exactAt, last.id]) : null,
  }
}
