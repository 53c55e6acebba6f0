// POST /api/tickets/bulk: one change for many tickets (assign, tag, set status, snooze). Each ticket is
// changed in its own transaction, through the same use cases as one ticket's change, with the same
// visibility and permission checks; one ticket refused (not visible, not allowed) leaves the others done,
// and the answer says per ticket what happened.
import { AppError } from '../../shared/errors.ts'
import type { BulkResult, BulkUpdate, UpdateTicket } from '../../shared/schema/ticket.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { findVisibleTicket } from './get-ticket.ts'
import { snoozeTicket } from './snooze-ticket.ts'
import { updateTicket } from './update-ticket.ts'

export async function bulkUpdate(db: Db, actor: Actor, request: BulkUpdate, now: Date): Promise<BulkResult[]> {
  const { set } = request
  const snoozing = set.snoozeUntil !== undefined || set.snoozeUntilCustomerReplies !== undefined
  // A snooze in the past is the request's fault, not one ticket's: refused whole.
  if (set.snoozeUntil && new Date(set.snoozeUntil) <= now) {
    throw new AppError('invalid_input', 'The snooze must end in the future.', [
      { path: 'set.snoozeUntil', message: 'In the past' },
    ])
  }
  const results: BulkResult[] = []
  for (const ticketId of new Set(request.ticketIds)) {
    try {
      const ticket = await db.transaction(async (tx) => {
        const before = await findVisibleTicket(tx, actor, ticketId)
        const patch: UpdateTicket = {}
        if (set.status) patch.status = set.status
        if (set.assigneeId !== undefined) patch.assigneeId = set.assigneeId
        if (set.teamId !== undefined) patch.teamId = set.teamId
        if (set.addTags || set.removeTags) {
          // Tag names are one tag whatever their case.
          const removed = new Set(set.removeTags?.map((tag) => tag.toLowerCase()))
          patch.tags = [...new Set([...before.tags, ...(set.addTags ?? [])])].filter((tag) => !removed.has(tag.toLowerCase()))
        }
        let after = Object.keys(patch).length ? await updateTicket(tx, actor, ticketId, patch, now) : null
        if (snoozing) {
          const until = set.snoozeUntil ? new Date(set.snoozeUntil) : null
          const untilCustomerReplies = set.snoozeUntilCustomerReplies ?? false
          const snooze = until || untilCustomerReplies ? { until, untilCustomerReplies } : null
          after = await snoozeTicket(tx, actor, ticketId, snooze, now)
        }
        return after
      })
      results.push({ ticketId, ok: true, ...(ticket ? { ticket } : {}) })
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      results.push({ ticketId, ok: false, error: { code: error.code, message: error.message } })
    }
  }
  return results
}
