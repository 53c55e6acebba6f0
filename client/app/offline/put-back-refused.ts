// A bulk change the server took for some tickets only: the ones it refused still show the values set on
// this device at once, and nothing from the server would ever correct them (it changed nothing). They are
// read again from the server (one it no longer shows this agent leaves the device), and named.
import type { BulkResult } from '../../../shared/schema/ticket.ts'
import { refreshTicket } from '../ticket/load-ticket.ts'
import type { LocalDb } from './local-db.ts'

/** Puts the refused tickets back to the server's values; returns the sentence naming them. */
export async function putBackRefused(db: LocalDb, results: readonly BulkResult[]): Promise<string> {
  const refused = results.filter((r) => !r.ok)
  const numbers = await db.query<{ id: string; number: number }>(
    'select id, number from tickets where id in (select jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(refused.map((r) => r.ticketId))],
  )
  const numberOf = new Map(numbers.rows.map((r) => [r.id, r.number]))
  // A ticket that could not be read again keeps its values until the next sync brings it.
  await Promise.all(refused.map((r) => refreshTicket(db, r.ticketId, () => undefined).catch(() => undefined)))
  const named = refused.map((r) => `#${numberOf.get(r.ticketId) ?? r.ticketId}: ${r.error?.message ?? 'refused'}`)
  return `${refused.length} of ${results.length} not changed (${named.join('; ')})`
}
