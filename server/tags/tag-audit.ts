// The audit entry of a change to a tag itself (tickets and rules it rewrote have their own).
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'

export function tagAudit(actor: Actor, action: string, tagId: string, data: Record<string, unknown>): AuditEntry {
  return {
    workspaceId: actor.workspaceId,
    actorType: 'agent',
    actorId: actor.agentId,
    action,
    entityType: 'tag',
    entityId: tagId,
    data,
  }
}
