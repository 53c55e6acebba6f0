// POST /api/macros/:id/run: the macro on each ticket asked for, each in its own transaction, through the same
// use cases (and so the same visibility and permission checks) as a change by hand, every audit row saying
// it came through the macro. One ticket refused leaves the others done; a step whose tag or team is gone is
// skipped with a notice. On one ticket the macro's saved reply comes back filled in for the draft: the
// server never sends it.
import { AppError } from '../../shared/errors.ts'
import type { MacroRunResult, RunMacro } from '../../shared/schema/macro.ts'
import type { Ticket } from '../../shared/schema/ticket.ts'
import type { AuditVia } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { renderForTicket } from '../saved-replies/render-for-ticket.ts'
import { findVisibleTicket } from '../tickets/get-ticket.ts'
import { snoozeTicket } from '../tickets/snooze-ticket.ts'
import { updateTicket } from '../tickets/update-ticket.ts'
import { findMacro } from './find-macro.ts'
import type { MacroRow } from './macro-view.ts'
import { planMacroChange } from './plan-macro-change.ts'

export interface MacroRun {
  results: MacroRunResult[]
  /** The tickets changed, for the announcements after commit. */
  changed: Ticket[]
  assigns: boolean
}

export async function runMacro(db: Db, actor: Actor, macroId: string, request: RunMacro, now: Date): Promise<MacroRun> {
  const macro = await findMacro(db, actor.workspaceId, macroId)
  const via: AuditVia = { via: 'macro', macroId: macro.id, macroName: macro.name }
  const ticketIds = [...new Set(request.ticketIds)]
  const results: MacroRunResult[] = []
  const changed: Ticket[] = []
  for (const ticketId of ticketIds) {
    try {
      const outcome = await db.transaction((tx) => runOnTicket(tx, actor, macro, ticketId, ticketIds.length === 1, via, now))
      if (outcome.ticket) changed.push(outcome.ticket)
      results.push({
        ticketId,
        ok: true,
        ...(outcome.skipped.length ? { skipped: outcome.skipped } : {}),
        ...(outcome.reply ? { reply: outcome.reply } : {}),
      })
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      results.push({ ticketId, ok: false, error: { code: error.code, message: error.message } })
    }
  }
  const assigns = macro.actions.some((a) => a.type === 'assign_agent' || a.type === 'assign_team')
  return { results, changed, assigns }
}

async function runOnTicket(db: Db, actor: Actor, macro: MacroRow, ticketId: string, single: boolean, via: AuditVia, now: Date) {
  const before = await findVisibleTicket(db, actor, ticketId)
  const { patch, snoozeMinutes, skipped } = await planMacroChange(db, actor.workspaceId, macro.actions, before.tags)
  let ticket: Ticket | null = Object.keys(patch).length ? await updateTicket(db, actor, ticketId, patch, now, via) : null
  if (snoozeMinutes !== null) {
    const until = new Date(now.getTime() + snoozeMinutes * 60_000)
    ticket = await snoozeTicket(db, actor, ticketId, { until, untilCustomerReplies: false }, now, via)
  }
  let reply: MacroRunResult['reply']
  if (single && macro.savedReplyId) {
    try {
      reply = await renderForTicket(db, actor, ticketId, macro.savedReplyId, now)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error
      skipped.push({
        action: { type: 'insert_reply', savedReplyId: macro.savedReplyId },
        reason: 'The saved reply is not one you may use.',
      })
    }
  }
  return { ticket, skipped, reply }
}
