// Appends rows to the audit log; callers pass them inside the transaction that made the change.

import type { SQL } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'

export interface AuditEntry {
  workspaceId: string
  actorType: 'agent' | 'contact' | 'system'
  actorId: string | null
  action: string
  entityType:
    | 'ticket'
    | 'contact'
    | 'channel'
    | 'agent'
    | 'team'
    | 'message'
    | 'token'
    | 'session'
    | 'rule'
    | 'saved_reply'
    | 'tag'
    | 'macro'
    | 'workspace'
  entityId: string
  data?: Record<string, unknown>
}

/** How a change was made when not by hand: merged into each audit row's data (a macro run names the macro). */
export interface AuditVia {
  via: 'macro'
  macroId: string
  macroName: string
}

/** Records the entries as made at `at` (the server clock's now, read once by the use case). */
export async function recordAudit(db: Db, entries: readonly AuditEntry[], at: Date): Promise<void> {
  const insert = auditInsert(entries, at)
  if (insert) await db.execute(insert)
}

/** The INSERT of audit rows, to run alone or together with other writes; null when there are none. */
export function auditInsert(entries: readonly AuditEntry[], at: Date): SQL | null {
  if (entries.length === 0) return null
  return insertJsonRecords(
    'audit_log',
    entries.map((entry) => ({ id: newId(), data: {}, createdAt: at, ...entry })),
    {
      id: 'uuid',
      workspaceId: 'uuid',
      actorType: 'text',
      actorId: 'uuid',
      action: 'text',
      entityType: 'text',
      entityId: 'uuid',
      data: 'jsonb',
      createdAt: 'timestamptz',
    },
  )
}
