// The work views of the inbox (GET /api/tickets?view=): what waits on us, on the customer, what breaches
// or is about to, what nobody owns, and what has stalled.
import { type SQL, sql } from 'drizzle-orm'
import type { TicketListQuery } from '../../shared/schema/ticket.ts'
import { tickets } from '../db/schema/tickets.ts'

const soonMs = 3_600_000

/** Every list but view=snoozed leaves these out (server/tickets/snooze-ticket.ts). */
export const snoozed = sql`(${tickets.snoozedUntil} is not null or ${tickets.snoozedUntilCustomerReplies})`

export function ticketViewCondition(view: NonNullable<TicketListQuery['view']>, now: Date, stalledHours: number): SQL {
  const open = sql`${tickets.status} in ('open', 'pending')`
  switch (view) {
    case 'waiting_on_us':
      // A reply that never reached the customer answers nothing: the ticket waits on us until one does.
      return sql`((${tickets.status} = 'open' and ${tickets.lastCustomerMessageAt} is not null
        and (${tickets.lastAgentReplyAt} is null or ${tickets.lastAgentReplyAt} < ${tickets.lastCustomerMessageAt}))
        or (${open} and ${tickets.replyFailedAt} is not null))`
    case 'waiting_on_customer':
      return sql`${tickets.status} = 'pending'`
    case 'unassigned':
      return sql`${open} and ${tickets.assigneeId} is null`
    case 'snoozed':
      return snoozed
    case 'stalled':
      return sql`${open} and ${tickets.updatedAt} < ${new Date(now.getTime() - stalledHours * 3_600_000).toISOString()}::timestamptz`
    case 'breaching': {
      const soon = sql`${new Date(now.getTime() + soonMs).toISOString()}::timestamptz`
      return sql`${open} and (
        (${tickets.firstResponseAt} is null and ${tickets.firstReplyDueAt} <= ${soon})
        or (${tickets.nextReplyDueAt} <= ${soon} and (${tickets.lastAgentReplyAt} is null or ${tickets.lastAgentReplyAt} < ${tickets.lastCustomerMessageAt}))
        or ${tickets.resolutionDueAt} <= ${soon})`
    }
  }
}
