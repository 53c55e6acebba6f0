// SLA warnings and breaches, and the closing of WhatsApp's and Messenger's 24-hour reply windows, for
// the stretch of time (from, to] the scheduler has not looked at yet. Only tickets whose due time (or
// warning time) falls in that stretch are read, through the partial due-time indexes, so the cost follows
// the tickets due, not the tickets open; none is left out (the scheduler hands over an hour at most).
// Every warning and breach is recorded once (sla_events); a warning tells the assignee (the team when
// there is none), a breach the assignee and the team (the supervisors and admins when the ticket has
// neither). A reply window near its end tells the owner; the caller raises the ticket to the top (its
// priority score).
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { type NotificationEntry, notify } from '../notifications/notify.ts'

/** Warn this long before a target falls due. */
export const warningLeadMs = 15 * 60_000
/** Raise and tell about a reply window this long before it closes. */
export const windowLeadMs = 2 * 3_600_000
const replyWindowMs = 24 * 3_600_000

interface Due {
  id: string
  workspace_id: string
  assignee_id: string | null
  team_id: string | null
  number: number
  metric: 'firstReply' | 'nextReply' | 'resolution' | 'replyWindow'
  due_at: string | Date
}

const metricName = { firstReply: 'first reply', nextReply: 'next reply', resolution: 'resolution', replyWindow: 'reply window' }

export interface SlaCheck {
  recorded: number
  /** Tickets whose reply window started closing: their priority score is to be refreshed. */
  windowClosing: { workspaceId: string; ticketId: string }[]
}

export async function checkSla(db: Db, from: Date, to: Date): Promise<SlaCheck> {
  const found: { due: Due; kind: 'warning' | 'breach' }[] = []
  for (const kind of ['warning', 'breach'] as const) {
    const lead = kind === 'warning' ? warningLeadMs : 0
    // Due times whose warning (or breach) moment falls in (from, to].
    const lo = new Date(from.getTime() + lead).toISOString()
    const hi = new Date(to.getTime() + lead).toISOString()
    const due = await rows<Due>(
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
  const closing = await rows<Due>(
    db,
    sql`select id, workspace_id, assignee_id, team_id, number, 'replyWindow' as metric,
               last_customer_message_at + interval '24 hours' as due_at
        from tickets where status in ('open', 'pending') and channel_kind in ('whatsapp', 'messenger')
          and (last_agent_reply_at is null or last_agent_reply_at < last_customer_message_at)
          and last_customer_message_at > ${windowLo}::timestamptz and last_customer_message_at <= ${windowHi}::timestamptz`,
  )
  for (const d of closing) found.push({ due: d, kind: 'warning' })
  if (!found.length) return { recorded: 0, windowClosing: [] }

  const ids = found.map(() => newId())
  const recorded = await rows<{ id: string }>(
    db,
    sql`${insertJsonRecords(
      'sla_events',
      found.map(({ due, kind }, i) => ({
        id: ids[i],
        workspaceId: due.workspace_id,
        ticketId: due.id,
        metric: due.metric,
        kind,
        dueAt: new Date(due.due_at).toISOString(),
        at: to.toISOString(),
      })),
      {
        id: 'uuid',
        workspaceId: 'uuid',
        ticketId: 'uuid',
        metric: 'text',
        kind: 'text',
        dueAt: 'timestamptz',
        at: 'timestamptz',
      },
    )} on conflict do nothing returning id`,
  )
  const fresh = new Set(recorded.map((r) => r.id))
  // Only what was not recorded before is told (a stretch looked at twice tells nobody twice).
  const events = found.filter((_, i) => fresh.has(ids[i]!))
  // A breach on a ticket nobody owns (no assignee, no team) goes to the supervisors and admins.
  const unowned = [
    ...new Set(events.filter((e) => e.kind === 'breach' && !e.due.assignee_id && !e.due.team_id).map((e) => e.due.workspace_id)),
  ]
  const leads = unowned.length
    ? await rows<{ id: string; workspace_id: string }>(
        db,
        sql`select id, workspace_id from agents where role in ('admin', 'supervisor')
            and workspace_id in (select (jsonb_array_elements_text(${JSON.stringify(unowned)}::jsonb))::uuid)`,
      )
    : []
  await notify(
    db,
    events.flatMap(({ due, kind }) => {
      const told = notificationsFor(due, kind, to)
      if (told.length || kind !== 'breach') return told
      return leads
        .filter((l) => l.workspace_id === due.workspace_id)
        .flatMap((l) => notificationsFor({ ...due, assignee_id: l.id }, kind, to))
    }),
  )
  const windowClosing = closing
    .filter((c) => events.some((e) => e.due === c))
    .map((c) => ({ workspaceId: c.workspace_id, ticketId: c.id }))
  return { recorded: recorded.length, windowClosing }
}

function notificationsFor(due: Due, kind: 'warning' | 'breach', at: Date): NotificationEntry[] {
  const base = { workspaceId: due.workspace_id, ticketId: due.id, at }
  if (due.metric === 'replyWindow') {
    const body = `Ticket #${due.number}: the customer's 24-hour reply window closes within 2 hours.`
    return due.assignee_id
      ? [{ ...base, agentId: due.assignee_id, kind: 'reply_window', body }]
      : due.team_id
        ? [{ ...base, teamId: due.team_id, kind: 'reply_window', body }]
        : []
  }
  const what = metricName[due.metric]
  if (kind === 'warning') {
    const body = `Ticket #${due.number}: the ${what} target falls due in 15 minutes.`
    if (due.assignee_id) return [{ ...base, agentId: due.assignee_id, kind: 'sla_warning', body }]
    return due.team_id ? [{ ...base, teamId: due.team_id, kind: 'sla_warning', body }] : []
  }
  const body = `Ticket #${due.number}: the ${what} target was breached.`
  return [
    ...(due.assignee_id ? [{ ...base, agentId: due.assignee_id, kind: 'sla_breach' as const, body }] : []),
    ...(due.team_id ? [{ ...base, teamId: due.team_id, kind: 'sla_breach' as const, body }] : []),
  ]
}
