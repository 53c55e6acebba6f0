// When a ticket's SLA targets fall due (pure): the first matching policy (creation order) for its channel
// kind and priority; first reply and resolution count from the ticket's creation, next reply from the
// customer's message that waits on us; in the policy's business hours, or around the clock.
import { addBusinessMinutes, type Hours } from '../calendars/business-hours.ts'
import type { SlaDue, TicketState } from './ticket-state.ts'

export interface PolicyRow {
  id: string
  channelKinds: string[]
  priorities: string[]
  calendarId: string | null
  targets: {
    firstReplyMinutes?: number | undefined
    nextReplyMinutes?: number | undefined
    resolutionMinutes?: number | undefined
  }
}

export const noSla: SlaDue = { policyId: null, firstReplyDueAt: null, nextReplyDueAt: null, resolutionDueAt: null }

type Ticket = Pick<
  TicketState,
  'channelKind' | 'priority' | 'createdAt' | 'firstResponseAt' | 'lastCustomerMessageAt' | 'lastAgentReplyAt'
>

export function matchingPolicy<P extends PolicyRow>(policies: readonly P[], ticket: Pick<Ticket, 'channelKind' | 'priority'>) {
  return policies.find(
    (p) =>
      (p.channelKinds.length === 0 || p.channelKinds.includes(ticket.channelKind)) &&
      (p.priorities.length === 0 || p.priorities.includes(ticket.priority)),
  )
}

export function slaDue(policies: readonly PolicyRow[], calendars: ReadonlyMap<string, Hours>, ticket: Ticket): SlaDue {
  const policy = matchingPolicy(policies, ticket)
  if (!policy) return noSla
  const hours = policy.calendarId ? calendars.get(policy.calendarId) : undefined
  const after = (start: Date, minutes: number | undefined) =>
    minutes === undefined
      ? null
      : hours
        ? addBusinessMinutes(hours, start, minutes)
        : new Date(start.getTime() + minutes * 60_000)
  const waitingOnUs =
    ticket.firstResponseAt !== null &&
    ticket.lastCustomerMessageAt !== null &&
    (ticket.lastAgentReplyAt === null || ticket.lastAgentReplyAt < ticket.lastCustomerMessageAt)
  return {
    policyId: policy.id,
    firstReplyDueAt: after(ticket.createdAt, policy.targets.firstReplyMinutes),
    nextReplyDueAt: waitingOnUs ? after(ticket.lastCustomerMessageAt!, policy.targets.nextReplyMinutes) : null,
    resolutionDueAt: after(ticket.createdAt, policy.targets.resolutionMinutes),
  }
}
