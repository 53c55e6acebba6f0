// Loops of rules (pure): in one chain of ticket_updated passes a rule fires at most once. A rule that
// already fired in the chain and would change the ticket again (two rules undoing each other, or one
// undoing itself through another) is a loop: it is not run, and the loop is reported to the admins.
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { NotificationEntry } from '../notifications/notify.ts'
import { type Evaluation, evaluateRules, type Snapshot } from './evaluate-rules.ts'
import type { CompiledRule } from './match-conditions.ts'

export interface LoopReport {
  audit: AuditEntry[]
  notifications: NotificationEntry[]
}

export function stopLoops(
  rules: readonly CompiledRule[],
  firedBefore: ReadonlySet<string>,
  evaluation: Evaluation,
  snapshot: Snapshot,
  admins: readonly string[],
): LoopReport {
  const report: LoopReport = { audit: [], notifications: [] }
  const { workspaceId, id: ticketId } = evaluation.state
  for (const rule of rules.filter((r) => firedBefore.has(r.id))) {
    const again = evaluateRules([rule], evaluation.state, snapshot)
    if (!again.effects.some((e) => e.kind === 'change')) continue
    report.audit.push({
      workspaceId,
      actorType: 'system',
      actorId: null,
      action: 'rule.loop_stopped',
      entityType: 'ticket',
      entityId: ticketId,
      data: { ruleId: rule.id, ruleName: rule.name },
    })
    for (const agentId of admins) {
      report.notifications.push({
        workspaceId,
        agentId,
        kind: 'rule_loop',
        ticketId,
        body: `Rule “${rule.name}” would undo and redo its own change on this ticket; it was stopped.`,
        at: snapshot.now,
      })
    }
  }
  return report
}
