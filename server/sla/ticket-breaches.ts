// The SLA breaches recorded for tickets (sla_events), for the ticket views that show them.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Ticket } from '../../shared/schema/ticket.ts'
import type { Db } from '../db/create-db.ts'
import { slaEvents } from '../db/schema/routing.ts'

type Breach = NonNullable<Ticket['sla']>['breaches'][number]

export async function ticketBreaches(db: Db, ticketIds: readonly string[]): Promise<Map<string, Breach[]>> {
  const byTicket = new Map<string, Breach[]>()
  if (!ticketIds.length) return byTicket
  const found = await db
    .select()
    .from(slaEvents)
    .where(and(inArray(slaEvents.ticketId, [...ticketIds]), eq(slaEvents.kind, 'breach')))
    .orderBy(asc(slaEvents.at))
  for (const e of found) {
    if (e.metric === 'replyWindow') continue
    const list = byTicket.get(e.ticketId) ?? []
    list.push({ metric: e.metric, at: e.at.toISOString() })
    byTicket.set(e.ticketId, list)
  }
  return byTicket
}

/** The tickets with their breaches filled in. */
export async function withBreaches(db: Db, items: Ticket[]): Promise<Ticket[]> {
  const breaches = await ticketBreaches(
    db,
    items.filter((t) => t.sla).map((t) => t.id),
  )
  return items.map((t) => (t.sla ? { ...t, sla: { ...t.sla, breaches: breaches.get(t.id) ?? [] } } : t))
}
