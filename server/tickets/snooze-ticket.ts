// Snoozing a ticket (as Front, Missive and Help Scout do): it leaves the open views until a time, until
// the customer writes again, or whichever comes first; the scheduler wakes it when due
// (server/tickets/wake-snoozed.ts), an inbound message wakes it at once (server/inbound/ingest-messages.ts).
// The status stays as it was. Audited, and shown in the thread as an event.
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Ticket } from '../../shared/schema/ticket.ts'
import { type AuditVia, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { findVisibleTicket } from './get-ticket.ts'
import { ticketColumns, toTicket } from './ticket-view.ts'

/** Null wakes the ticket. */
export type Snooze = { until: Date | null; untilCustomerReplies: boolean } | null

/** `via` names what the agent made the change through (a macro), in the audit row. */
export async function snoozeTicket(
  db: Db,
  actor: Actor,
  ticketId: string,
  snooze: Snooze,
  now: Date,
  via?: AuditVia,
): Promise<Ticket> {
  if (snooze?.until && snooze.until <= now) {
    throw new AppError('invalid_input', 'The snooze must end in the future.', [
      { path: 'until', message: `${snooze.until.toISOString()} is not after ${now.toISOString()}` },
    ])
  }
  return db.transaction(async (tx) => {
    const before = await findVisibleTicket(tx, actor, ticketId)
    const next = { snoozedUntil: snooze?.until ?? null, snoozedUntilCustomerReplies: snooze?.untilCustomerReplies ?? false }
    const unchanged =
      next.snoozedUntil?.getTime() === before.snoozedUntil?.getTime() &&
      next.snoozedUntilCustomerReplies === before.snoozedUntilCustomerReplies
    if (unchanged) return toTicket(before)
    const [after] = await tx
      .update(tickets)
      .set({ ...next, updatedAt: now })
      .where(eq(tickets.id, before.id))
      .returning(ticketColumns)
    await tx.insert(messages).values({
      id: newId(),
      workspaceId: actor.workspaceId,
      ticketId: before.id,
      kind: 'event',
      authorType: 'agent',
      authorId: actor.agentId,
      body: `${actor.name} ${snoozeSentence(snooze)}.`,
      status: 'sent',
      createdAt: now,
    })
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: snooze ? 'ticket.snoozed' : 'ticket.unsnoozed',
          entityType: 'ticket',
          entityId: before.id,
          data: { from: snoozeState(before), to: snoozeState(next), ...via },
        },
      ],
      now,
    )
    return toTicket(after!)
  })
}

function snoozeSentence(snooze: Snooze): string {
  if (!snooze) return 'woke the ticket'
  const until = snooze.until ? `until ${snooze.until.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''
  if (snooze.untilCustomerReplies) return `snoozed the ticket until the customer replies${until ? ` or ${until}` : ''}`
  return `snoozed the ticket ${until}`
}

function snoozeState(s: { snoozedUntil: Date | null; snoozedUntilCustomerReplies: boolean }) {
  return { until: s.snoozedUntil?.toISOString() ?? null, untilCustomerReplies: s.snoozedUntilCustomerReplies }
}
