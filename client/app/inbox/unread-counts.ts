// How many unread tickets each inbox view holds, for the sidebar of views: one read of the local database,
// the views' conditions as in inbox-query.ts.
import { channelKinds } from '../../../shared/schema/common.ts'
import type { LocalDb } from '../offline/local-db.ts'
import type { InboxView } from './inbox-query.ts'

const viewConditions: [InboxView, string][] = [
  ['mine', `assignee_id = $1 and status in ('open', 'pending')`],
  ['unassigned', `assignee_id is null and status = 'open'`],
  ['all', `status in ('open', 'pending')`],
  ...channelKinds.map((kind): [InboxView, string] => [
    `channel:${kind}`,
    `channel_kind = '${kind}' and status in ('open', 'pending')`,
  ]),
  ['pending', `status = 'pending'`],
  ['resolved', `status in ('resolved', 'closed')`],
]

export async function countUnread(db: LocalDb, meId: string): Promise<Map<InboxView, number>> {
  const columns = viewConditions.map(([, condition], i) => `count(*) filter (where ${condition})::int as v${i}`).join(', ')
  const result = await db.query<Record<string, number>>(
    `select ${columns} from tickets t left join ticket_reads r on r.ticket_id = t.id
     where r.seen_at is null or r.seen_at < t.last_message_at`,
    [meId],
  )
  const row = result.rows[0] ?? {}
  return new Map(viewConditions.map(([view], i) => [view, row[`v${i}`] ?? 0]))
}
