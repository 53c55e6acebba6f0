// Records SLA warnings and breaches once each (sla_events is unique on ticket, metric, kind and due
// time) and tells whoever should know about the ones recorded now: a warning the assignee (the team when
// there is none), a breach the assignee and the team, or the supervisors and admins when the ticket has
// neither; a reply window near its end the owner.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { type NotificationEntry, notify } from '../notifications/notify.ts'

export interface SlaDueRow {
  id: string
  workspace_id: string
  assignee_id: string | null
  team_id: string | null
  number: number
  metric: 'firstReply' | 'nextReply' | 'resolution' | 'replyWindow'
  due_at: string | Date
}

export interface SlaEvent {
  due: SlaDueRow
  kind: 'warning' | 'breach'
}

const metricName = { firstReply: 'first reply', nextReply: 'next reply', resolution: 'resolution', replyWindow: 'reply window' }

/** Returns the events recorded now (those recorded before are neither written nor told again). */
export async function recordSlaEvents(db: Db, found: readonly SlaEvent[], at: Date): Promise<SlaEvent[]> {
  if (!found.length) return []
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
        at: at.toISOString(),
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
      const told = notificationsFor(due, kind, at)
      if (told.length || kind !== 'breach') return told
      return leads
        .filter((l) => l.workspace_id === due.workspace_id)
        .flatMap((l) => notificationsFor({ ...due, assignee_id: l.id }, kind, at))
    }),
  )
  return events
}

function notificationsFor(due: SlaDueRow, kind: 'warning' | 'breach', at: Date): NotificationEntry[] {
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
