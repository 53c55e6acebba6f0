// The audit row of a change to a macro itself (made, changed, deleted).
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'

export function macroAudit(actor: Actor, action: string, macroId: string, data: Record<string, unknown>): AuditEntry {
  return {
    workspaceId: actor.workspaceId,
    actorType: 'agent',
    actorId: actor.agentId,
    action,
    entityType: 'macro',
    entityId: macroId,
    data,
  }
}
