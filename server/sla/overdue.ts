// Targets already due when a ticket's due times are (re)computed (pure): a priority raised on an old
// ticket, a policy that now applies. The scheduler looks only at due times still ahead of it, so these
// are recorded at once: a breach when the due time has passed, a warning when it is within the lead.

import { warningLeadMs } from './check-sla.ts'
import type { SlaEvent } from './record-sla-events.ts'
import type { SlaDue, TicketState } from './ticket-state.ts'

export function overdueEvents(state: TicketState, sla: SlaDue, now: Date): SlaEvent[] {
  if (state.status !== 'open' && state.status !== 'pending') return []
  const stored = state.stored?.sla
  const targets = [
    { metric: 'firstReply' as const, at: state.firstResponseAt ? null : sla.firstReplyDueAt, was: stored?.firstReplyDueAt },
    { metric: 'nextReply' as const, at: sla.nextReplyDueAt, was: stored?.nextReplyDueAt },
    { metric: 'resolution' as const, at: sla.resolutionDueAt, was: stored?.resolutionDueAt },
  ]
  return targets.flatMap(({ metric, at, was }): SlaEvent[] => {
    // A due time already stored was the scheduler's to look at; only a new one can be behind it.
    if (!at || at.getTime() === was?.getTime() || at.getTime() - warningLeadMs > now.getTime()) return []
    const due = {
      id: state.id,
      workspace_id: state.workspaceId,
      assignee_id: state.assigneeId,
      team_id: state.teamId,
      number: state.number,
      metric,
      due_at: at,
    }
    return [{ due, kind: at <= now ? 'breach' : 'warning' }]
  })
}
