// The scheduler's part of snoozing: every ticket whose snooze has fallen due comes back to the open
// views, with an event in its thread and an audit entry. The due time is kept in the database, so a
// snooze that fell due while the server was down wakes at the first tick after the start.
import { and, isNotNull, lte } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'

/** Wakes the tickets due by `now`; returns them by workspace. */
export async function wakeSnoozed(db: Db, now: Date): Promise<Map<string, string[]>> {
  const woken = await db.transaction(async (tx) => {
    const rows = await tx
      .update(tickets)
      .set({ snoozedUntil: null, snoozedUntilCustomerReplies: false, updatedAt: now })
      .where(and(isNotNull(tickets.snoozedUntil), lte(tickets.snoozedUntil, now)))
      .returning({ id: tickets.id, workspaceId: tickets.workspaceId })
    if (!rows.length) return rows
    await tx.insert(messages).values(
      rows.map((row) => ({
        id: newId(),
        workspaceId: row.workspaceId,
        ticketId: row.id,
        kind: 'event' as const,
        authorType: 'system' as const,
        authorId: null,
        body: 'The snooze ended: the ticket is back in the inbox.',
        status: 'sent' as const,
        createdAt: now,
      })),
    )
    await recordAudit(
      tx,
      rows.map((row) => ({
        workspaceId: row.workspaceId,
        actorType: 'system' as const,
        actorId: null,
        action: 'ticket.snooze_ended',
        entityType: 'ticket' as const,
        entityId: row.id,
      })),
      now,
    )
    return rows
  })
  const byWorkspace = new Map<string, string[]>()
  for (const row of woken) byWorkspace.set(row.workspaceId, [...(byWorkspace.get(row.workspaceId) ?? []), row.id])
  return byWorkspace
}
