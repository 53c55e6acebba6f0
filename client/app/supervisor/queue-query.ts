// Open tickets per channel from the local database, and the one waiting longest in each. Snoozed tickets
// are left out, as the inbox and the server's views leave them out: nobody owes them anything yet.

import type { ChannelKind } from '../../../shared/schema/common.ts'
import { snoozed } from '../inbox/inbox-query.ts'
import type { LocalDb } from '../offline/local-db.ts'

export interface QueueRow {
  channel_kind: ChannelKind
  open: number
  unassigned: number
  oldest_id: string | null
  oldest_name: string | null
  oldest_since: Date | null
}

export async function queryQueues(db: LocalDb): Promise<QueueRow[]> {
  const result = await db.query<QueueRow>(`
    with waiting as (
      select id, channel_kind, contact_name, assignee_id,
             waiting_since as since
      from tickets where status = 'open' and not ${snoozed}
    )
    select channel_kind, count(*)::int as open, count(*) filter (where assignee_id is null)::int as unassigned,
           (array_agg(id order by since))[1] as oldest_id,
           (array_agg(contact_name order by since))[1] as oldest_name,
           min(since) as oldest_since
    from waiting group by channel_kind order by channel_kind`)
  return result.rows
}
