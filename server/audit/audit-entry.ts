// Appends rows to the audit log; callers pass them inside the transaction that made the change.

import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { auditLog } from '../db/schema/audit-log.ts'

export interface AuditEntry {
  workspaceId: string
  actorType: 'agent' | 'contact' | 'system'
  actorId: string | null
  action: string
  entityType: 'ticket' | 'contact' | 'channel' | 'agent' | 'team' | 'message' | 'token' | 'session'
  entityId: string
  data?: Record<string, unknown>
}

export async function recordAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  await db.insert(auditLog).values(entries.map((entry) => ({ id: newId(), data: {}, ...entry })))
}
