// SLA warnings and breaches, and the closing of WhatsApp's and Messenger's 24-hour reply windows, for
// the stretch of time (from, to] the scheduler has not looked at yet. Only tickets whose due time (or
// warning time) falls in that stretch are read, through the partial due-time indexes, so the cost follows
// the tickets due, not the tickets open; none is left out (the scheduler hands over an hour at most).
// Who is told is record-sla-events.ts's business; the caller raises tickets whose reply window closes
// to the top (their priority score).
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'
import { recordSlaEvents, type SlaDueRow, type SlaEvent } from './record-sla-events.ts'

/** Warn this long before a target falls due. */
export const warningLeadMs = 15 * 60_000
/** Raise and tell about a reply window this long before it closes. */
export const windowLeadMs = 2 * 3_600_000
const replyWindowMs = 24 * 3_600_000

export interface SlaCheck {
  recorded: number
  /** Tickets whose reply window started closing: their priority score is to be refreshed. */
  windowClosing: { workspaceId: string; ticketId: string }[]
}

export async function checkSla(db: Db, from: Date, to: Date): Promise<SlaCheck> {
  const found: SlaEvent[] = []
  for (const kind of ['warning', 'breach'] as const) {
    const lead = kind === 'warning' ? warningLeadMs : 0
    // Due times whose warning (or breach) moment falls in (from, to].
    const lo = new Date(from.getTime() + lead).toISOString()
    const hi = new Date(to.getTime() + lead).toISOString()
    const due = await rows<SlaDueRow>(
      db,
      sql`(select id, workspace_id, assignee_id, team_id, number, 'firstReply' as metric, first_reply_due_at as due_at from tickets
           where first_response_at is null and status in ('open', 'pending')
             and first_reply_due_at > ${lo}::timestamptz and first_reply_due_at <= ${hi}::timestamptz)
          union all
          (select id, workspace_id, assignee_id, team_id, number, 'nextReply', next_reply_due_at from tickets
           where status in ('open', 'pending') and (last_agent_reply_at is null or last_agent_reply_at < last_customer_message_at)
             and next_reply_due_at > ${lo}::timestamptz and next_reply_due_at <= ${hi}::timestamptz)
          union all
          (select id, workspace_id, assignee_id, team_id, number, 'resolution', resolution_due_at from tickets
           where status in ('open', 'pending')
             and resolution_due_at > ${lo}::timestamptz and resolution_due_at <= ${hi}::timestamptz)`,
    )
    for (const d of due) found.push({ due: d, kind })
  }
  // Reply windows closing within windowLeadMs: the customer's last message is 22 to 24 hours old.
  const windowLo = new Date(from.getTime() + windowLeadMs - replyWindowMs).toISOString()
  const windowHi = new Date(to.getTime() + windowLeadMs - replyWindowMs).toISOString()
  const closing = await rows<SlaDueRow>(
    db,
    sql`select id, workspace_id, assignee_id, team_id, number, 'replyWindow' as metric,
               last_customer_message_at + interval '24 hours' as due_at
        from tickets where status in ('open', 'pending') and channel_kind in ('whatsapp', 'messenger')
          and (last_agent_reply_at is null or last_agent_reply_at < last_customer_message_at)
          and last_customer_message_at > ${windowLo}::timestamptz and last_customer_message_at <= ${windowHi}::timestamptz`,
  )
  for (const d of closing) found.push({ due: d, kind: 'warning' })
  if (!found.length) return { recorded: 0, windowClosing: [] }

  const events = await recordSlaEvents(db, found, to)
  const windowClosing = closing
    .filter((c) => events.some((e) => e.due === c))
    .map((c) => ({ workspaceId: c.workspace_id, ticketId: c.id }))
  return { recorded: events.length, windowClosing }
}
