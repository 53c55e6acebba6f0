// Writes what a run of the rules decided, set-based, inside the caller's transaction: the tickets'
// fields, priority scores and SLA due times in one UPDATE; the thread events and notes; the audit
// entries (each naming the rule that made the change); notifications; and the replies, queued.
import { sql } from 'drizzle-orm'
import { type AuditEntry, auditInsert } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords, jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { runTogether } from '../db/run-together.ts'
import { type NotificationEntry, notify } from '../notifications/notify.ts'
import type { SlaDue } from '../sla/ticket-state.ts'
import type { Evaluation } from './evaluate-rules.ts'

export interface TicketResult extends Evaluation {
  score: number
  sla: SlaDue
  /** Notifications beyond the rules' own (a loop stopped). */
  extraNotifications: NotificationEntry[]
  extraAudit: AuditEntry[]
  /** A new live chat: whoever routing gives it to is told by a new_chat notification, not an assigned one. */
  newChat?: boolean
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null)

/** Whether the run changes anything of the ticket row (rules' changes, the score, the due times). */
export function rowChanges(r: TicketResult): boolean {
  const { stored } = r.state
  return (
    r.effects.some((e) => e.kind === 'change') ||
    Math.abs(stored.priorityScore - r.score) > 0.005 ||
    stored.sla.policyId !== r.sla.policyId ||
    !sameTime(stored.sla.firstReplyDueAt, r.sla.firstReplyDueAt) ||
    !sameTime(stored.sla.nextReplyDueAt, r.sla.nextReplyDueAt) ||
    !sameTime(stored.sla.resolutionDueAt, r.sla.resolutionDueAt)
  )
}

export async function writeRuleResults(db: Db, all: readonly TicketResult[], now: Date): Promise<void> {
  // Rows that would be written as they are stay untouched: an UPDATE rewrites every index of tickets.
  const results = all.filter(rowChanges)
  const withEffects = all.some((r) => r.effects.length > 0 || r.extraAudit.length > 0 || r.extraNotifications.length > 0)
  if (!results.length && !withEffects) return
  const iso = (d: Date | null) => d?.toISOString() ?? null
  // Only the fields a rule changed are written (a null in v leaves the column as it is now), so an
  // agent's change made while the rules ran is not undone.
  const changedFields = (r: TicketResult) => new Set(r.effects.flatMap((e) => (e.kind === 'change' ? [e.field] : [])))
  const update = !results.length
    ? null
    : sql`
    update tickets t set
      status = coalesce(v.status, t.status), priority = coalesce(v.priority, t.priority),
      assignee_id = case when v."setAssignee" then v.assignee else t.assignee_id end,
      team_id = case when v."setTeam" then v.team else t.team_id end,
      tags = case when v.tags is null then t.tags else array(select jsonb_array_elements_text(v.tags)) end,
      resolved_at = case when v.status is null then t.resolved_at
                         when v.status in ('resolved', 'closed') then coalesce(t.resolved_at, v.now) else null end,
      updated_at = case when v.changed then v.now else t.updated_at end,
      priority_score = v.score, sla_policy_id = v.policy, first_reply_due_at = v.first,
      next_reply_due_at = v.next, resolution_due_at = v.resolution
    from ${jsonRecords(
      results.map((r) => {
        const fields = changedFields(r)
        return {
          id: r.state.id,
          status: fields.has('status') ? r.state.status : null,
          priority: fields.has('priority') ? r.state.priority : null,
          setAssignee: fields.has('assignee'),
          assignee: r.state.assigneeId,
          setTeam: fields.has('team'),
          team: r.state.teamId,
          tags: fields.has('tags') ? r.state.tags : null,
          changed: fields.size > 0,
          now: now.toISOString(),
          score: r.score,
          policy: r.sla.policyId,
          first: iso(r.sla.firstReplyDueAt),
          next: iso(r.sla.nextReplyDueAt),
          resolution: iso(r.sla.resolutionDueAt),
        }
      }),
      'id uuid, status text, priority text, "setAssignee" boolean, assignee uuid, "setTeam" boolean, team uuid, tags jsonb, changed boolean, now timestamptz, score real, policy uuid, first timestamptz, next timestamptz, resolution timestamptz',
    )}
    where t.id = v.id`

  const thread = all.flatMap((r) =>
    r.effects.flatMap((e) =>
      e.kind === 'change' || e.kind === 'note'
        ? [
            {
              id: newId(),
              workspaceId: r.state.workspaceId,
              ticketId: r.state.id,
              kind: e.kind === 'note' ? 'note' : 'event',
              authorType: 'system',
              body: e.kind === 'change' ? e.sentence : e.body,
              status: 'sent',
              createdAt: now,
            },
          ]
        : [],
    ),
  )
  const audit: AuditEntry[] = all.flatMap((r) => [
    ...r.effects.flatMap((e): AuditEntry[] =>
      e.kind === 'notify'
        ? []
        : [
            {
              workspaceId: r.state.workspaceId,
              actorType: 'system',
              actorId: null,
              action:
                e.kind === 'change'
                  ? `ticket.${e.field}_changed`
                  : e.kind === 'unassignable'
                    ? 'rule.unassignable'
                    : `rule.${e.kind}`,
              entityType: 'ticket',
              entityId: r.state.id,
              data: {
                ruleId: e.rule.id,
                ruleName: e.rule.name,
                ...(e.kind === 'change'
                  ? { from: e.from, to: e.to }
                  : e.kind === 'unassignable'
                    ? { reason: e.reason }
                    : { body: e.body }),
              },
            },
          ],
    ),
    ...r.extraAudit,
  ])
  await runTogether(db, [
    update,
    thread.length
      ? insertJsonRecords('messages', thread, {
          id: 'uuid',
          workspaceId: 'uuid',
          ticketId: 'uuid',
          kind: 'text',
          authorType: 'text',
          body: 'text',
          status: 'text',
          createdAt: 'timestamptz',
        })
      : null,
    auditInsert(audit, now),
  ])
  await notify(
    db,
    all.flatMap((r) => [
      ...r.effects.flatMap((e): NotificationEntry[] =>
        e.kind === 'notify'
          ? [
              {
                workspaceId: r.state.workspaceId,
                agentId: e.agentId ?? null,
                teamId: e.teamId ?? null,
                kind: 'rule',
                ticketId: r.state.id,
                body: `Rule “${e.rule.name}”: ticket needs your attention.`,
                at: now,
              },
            ]
          : e.kind === 'change' && e.field === 'assignee' && typeof e.to === 'string' && !r.newChat
            ? [
                {
                  workspaceId: r.state.workspaceId,
                  agentId: e.to,
                  kind: 'assigned',
                  ticketId: r.state.id,
                  body: `Ticket #${r.state.number} was assigned to you by the rule “${e.rule.name}”.`,
                  at: now,
                },
              ]
            : [],
      ),
      ...r.extraNotifications,
    ]),
  )
}
