// Changes the agent can take back for a few seconds (resolve, snooze, assign, bulk changes): the
// tickets' fields are read from the local database before the change, and the undo sets them back,
// through the outbox like any change, so it also works offline and lands after the change it undoes.
import type { TicketStatus } from '../../../shared/schema/ticket.ts'
import { offerUndo } from '../ui/undo-toast.tsx'
import type { Workspace } from '../workspace.ts'
import { changeTicket } from './change-ticket.ts'
import { snoozeTickets } from './snooze-ticket.ts'

export type UndoableField = 'status' | 'assignee' | 'team' | 'tags' | 'snooze'

interface Before {
  id: string
  status: TicketStatus
  assignee_id: string | null
  team_id: string | null
  tags: string[]
  snoozed_until: string | null
  until_reply: boolean
}

/** Runs the change (shown at once, sent in the background) and offers to undo the fields it touches. */
export async function changeWithUndo(
  ws: Workspace,
  ticketIds: readonly string[],
  fields: readonly UndoableField[],
  text: string,
  change: () => Promise<void>,
): Promise<void> {
  const before = await readBefore(ws, ticketIds)
  const sent = change()
  offerUndo(text, () => restore(ws, before, fields))
  await sent
}

async function readBefore(ws: Workspace, ticketIds: readonly string[]): Promise<Before[]> {
  const result = await ws.db.query<Before>(
    `select id, status, assignee_id, team_id, tags, data->>'snoozedUntil' as snoozed_until,
            coalesce((data->>'snoozedUntilCustomerReplies')::boolean, false) as until_reply
     from tickets where id in (select jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(ticketIds)],
  )
  return result.rows
}

async function restore(ws: Workspace, before: Before[], fields: readonly UndoableField[]): Promise<void> {
  for (const t of before) {
    const patch = {
      ...(fields.includes('status') ? { status: t.status } : {}),
      ...(fields.includes('assignee') ? { assigneeId: t.assignee_id } : {}),
      ...(fields.includes('team') ? { teamId: t.team_id } : {}),
      ...(fields.includes('tags') ? { tags: t.tags } : {}),
    }
    if (Object.keys(patch).length) await changeTicket(ws, t.id, patch)
    if (fields.includes('snooze')) {
      const until = t.snoozed_until && new Date(t.snoozed_until) > new Date() ? t.snoozed_until : null
      await snoozeTickets(ws, [t.id], until || t.until_reply ? { until, untilCustomerReplies: t.until_reply } : null)
    }
  }
}
