// One change for the selected tickets: shown at once in the local database, sent as one request
// (POST /api/tickets/bulk) through the outbox; tickets the server refuses are named in the outbox's error.
import type { BulkUpdate } from '../../../shared/schema/ticket.ts'
import type { Workspace } from '../workspace.ts'

export async function bulkChange(ws: Workspace, ticketIds: readonly string[], set: BulkUpdate['set']): Promise<void> {
  if (!ticketIds.length) return
  const snooze =
    set.snoozeUntil !== undefined || set.snoozeUntilCustomerReplies !== undefined
      ? { snoozedUntil: set.snoozeUntil ?? null, snoozedUntilCustomerReplies: set.snoozeUntilCustomerReplies ?? false }
      : {}
  const fields = {
    ...(set.status ? { status: set.status } : {}),
    ...(set.assigneeId !== undefined ? { assigneeId: set.assigneeId } : {}),
    ...(set.teamId !== undefined ? { teamId: set.teamId } : {}),
    ...snooze,
  }
  await ws.db.query(
    `update tickets t set data = (data || $2::jsonb) || jsonb_build_object('tags', next.tags),
       status = coalesce($2::jsonb->>'status', status),
       assignee_id = case when $2::jsonb ? 'assigneeId' then $2::jsonb->>'assigneeId' else assignee_id end,
       team_id = case when $2::jsonb ? 'teamId' then $2::jsonb->>'teamId' else team_id end,
       tags = next.tags
     from (select id, coalesce((select jsonb_agg(distinct tag) from (
             select jsonb_array_elements_text(tags || $3::jsonb) as tag) all_tags
             where tag not in (select jsonb_array_elements_text($4::jsonb))), '[]'::jsonb) as tags
           from tickets where id in (select jsonb_array_elements_text($1::jsonb))) next
     where t.id = next.id`,
    [JSON.stringify(ticketIds), JSON.stringify(fields), JSON.stringify(set.addTags ?? []), JSON.stringify(set.removeTags ?? [])],
  )
  ws.sync.touch([...ticketIds])
  await ws.outbox.add('bulk', ticketIds[0]!, { ticketIds, set })
}
