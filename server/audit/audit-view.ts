// One audit row as the app reads it (pure): who (the agent or customer named as they are now), through
// which rule or macro (named as it was then: AuditVia for a macro, ruleId/ruleName for a rule), and the
// changed field's value before and after, where the row has them (`from`/`to`).
import type { AuditActor, AuditItem, AuditVia } from '../../shared/schema/audit.ts'

export interface AuditRow {
  id: string
  actorType: 'agent' | 'contact' | 'system'
  actorId: string | null
  /** The agent's or the customer's name now; null when gone or unnamed. */
  actorName: string | null
  action: string
  data: Record<string, unknown>
  createdAt: Date
}

const viaKeys = ['via', 'macroId', 'macroName', 'ruleId', 'ruleName']

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null)

export function toAuditItem(row: AuditRow): AuditItem {
  const { from, to, ...rest } = row.data
  const details = Object.fromEntries(Object.entries(rest).filter(([key]) => !viaKeys.includes(key)))
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    actor: actorOf(row),
    via: viaOf(row.data),
    action: row.action,
    before: from ?? null,
    after: to ?? null,
    details,
  }
}

function actorOf(row: AuditRow): AuditActor {
  if (row.actorType === 'agent' && row.actorId) return { type: 'agent', id: row.actorId, name: row.actorName ?? 'A former agent' }
  if (row.actorType === 'contact') return { type: 'customer', id: row.actorId, name: row.actorName }
  return { type: 'system' }
}

function viaOf(data: Record<string, unknown>): AuditVia | null {
  if (data.via === 'macro') return { kind: 'macro', id: text(data.macroId), name: text(data.macroName) ?? 'a macro' }
  const ruleName = text(data.ruleName)
  if (ruleName || text(data.ruleId)) return { kind: 'rule', id: text(data.ruleId), name: ruleName ?? 'a rule' }
  return null
}
