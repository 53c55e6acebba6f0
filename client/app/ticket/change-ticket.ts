// Changes a ticket's fields (status, priority, assignee, team, tags): shown at once from the local
// database, sent through the outbox, so it also works offline and lands when the network returns.
import type { UpdateTicket } from '../../../shared/schema/ticket.ts'
import type { Workspace } from '../workspace.ts'

export async function changeTicket(ws: Workspace, ticketId: string, patch: UpdateTicket): Promise<void> {
  await ws.db.query(
    `update tickets set data = data || $2::jsonb,
       status = coalesce($2::jsonb->>'status', status),
       priority = coalesce($2::jsonb->>'priority', priority),
       assignee_id = case when $2::jsonb ? 'assigneeId' then $2::jsonb->>'assigneeId' else assignee_id end,
       team_id = case when $2::jsonb ? 'teamId' then $2::jsonb->>'teamId' else team_id end,
       tags = coalesce($2::jsonb->'tags', tags)
     where id = $1`,
    [ticketId, JSON.stringify(patch)],
  )
  ws.sync.touch([ticketId])
  await ws.outbox.add('patch', ticketId, patch)
}
