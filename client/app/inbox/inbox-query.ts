// The inbox's views and filters as one query on the local database: what a row shows, never whole tickets,
// so ten thousand rows come back in one read and the list renders only the ones on screen.
import type { ChannelKind } from '../../../shared/schema/common.ts'
import type { TicketSla, TicketStatus } from '../../../shared/schema/ticket.ts'
import type { LocalDb } from '../offline/local-db.ts'

export type InboxView = 'mine' | 'unassigned' | 'all' | 'pending' | 'resolved' | 'snoozed' | `channel:${ChannelKind}`

/**
 * Snoozed, on this device's clock: a snooze whose time has passed counts as over here at once (offline
 * too), before the server's wake arrives through the sync. The supervisor's queues leave them out too.
 */
export const snoozed = `(coalesce((data->>'snoozedUntil')::timestamptz > now(), false)
  or coalesce((data->>'snoozedUntilCustomerReplies')::boolean, false))`

export interface InboxFilters {
  status?: TicketStatus | undefined
  channel?: ChannelKind | undefined
  assigneeId?: string | undefined
  teamId?: string | undefined
  tag?: string | undefined
  q?: string | undefined
  /** Newest activity first (the default), or the most urgent first by the server's priority score. */
  sort?: 'priority' | undefined
}

export interface InboxRow {
  id: string
  number: number
  status: TicketStatus
  priority: string
  channel_kind: ChannelKind
  contact_name: string | null
  subject: string | null
  preview: string | null
  assignee_id: string | null
  last_message_at: Date
  waiting_since: Date | null
  unread: boolean
  priority_score: number | null
  tags: string[]
  /** The SLA targets and breaches (null where no policy applies), for the row's countdown. */
  sla: TicketSla | null
  first_response_at: string | null
  /** The last reply did not reach the customer. */
  reply_failed: boolean
}

/** The view's rows, or (with `onlyIds`) those of these tickets that belong in it: one indexed read. */
export async function queryInbox(
  db: LocalDb,
  meId: string,
  view: InboxView,
  filters: InboxFilters,
  onlyIds?: readonly string[],
): Promise<InboxRow[]> {
  const where: string[] = []
  const params: unknown[] = []
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  if (view === 'mine') where.push(`assignee_id = ${param(meId)}`, `status in ('open', 'pending')`)
  else if (view === 'unassigned') where.push('assignee_id is null', `status = 'open'`)
  else if (view === 'all') where.push(`status in ('open', 'pending')`)
  else if (view === 'pending') where.push(`status = 'pending'`)
  else if (view === 'resolved') where.push(`status in ('resolved', 'closed')`)
  else if (view === 'snoozed') where.push(snoozed)
  else where.push(`channel_kind = ${param(view.slice('channel:'.length))}`, `status in ('open', 'pending')`)
  if (view !== 'snoozed') where.push(`not ${snoozed}`)

  // Lists go in as JSON: an array parameter does not survive the way to the database's worker.
  if (onlyIds) where.push(`id in (select jsonb_array_elements_text(${param(JSON.stringify(onlyIds))}::jsonb))`)
  if (filters.status) where.push(`status = ${param(filters.status)}`)
  if (filters.channel) where.push(`channel_kind = ${param(filters.channel)}`)
  if (filters.assigneeId === 'none') where.push('assignee_id is null')
  else if (filters.assigneeId) where.push(`assignee_id = ${param(filters.assigneeId)}`)
  if (filters.teamId) where.push(`team_id = ${param(filters.teamId)}`)
  if (filters.tag) where.push(`tags ? ${param(filters.tag)}`)
  if (filters.q?.trim()) {
    const like = param(`%${filters.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    where.push(`(subject ilike ${like} or contact_name ilike ${like} or preview ilike ${like} or number::text = ${param(filters.q.trim().replace(/^#/, ''))}
      or exists (select 1 from messages m where m.ticket_id = t.id and m.body ilike ${like}))`)
  }
  const result = await db.query<InboxRow>(
    `select id, number, status, priority, channel_kind, contact_name, subject, preview, assignee_id, last_message_at,
            case when status = 'open' then waiting_since end as waiting_since,
            (r.seen_at is null or r.seen_at < last_message_at) as unread, priority_score, tags,
            data->'sla' as sla, data->>'firstResponseAt' as first_response_at,
            coalesce(data->>'replyFailedAt', '') <> '' as reply_failed
     from tickets t left join ticket_reads r on r.ticket_id = t.id
     where ${where.join(' and ') || 'true'}
     order by ${filters.sort === 'priority' ? 'priority_score desc nulls last, ' : ''}last_message_at desc, id desc`,
    params,
  )
  return result.rows
}
