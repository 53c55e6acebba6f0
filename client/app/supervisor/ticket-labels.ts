// What the supervisor screen names a ticket by: its number, subject and customer ("#12 Blue jacket · Olu
// Adeyemi"), read from the local database when it holds the ticket, else from the server.
import { ticketDetailSchema } from '../../../shared/schema/ticket.ts'
import { api } from '../net/http.ts'
import type { LocalDb } from '../offline/local-db.ts'

interface Named {
  number: number
  subject: string | null
  customer: string | null
}

const label = (t: Named) => [`#${t.number}`, t.subject, t.customer && `· ${t.customer}`].filter(Boolean).join(' ')

/** Labels of the given tickets by id; one that cannot be read is left out. */
export async function readTicketLabels(db: LocalDb, localReady: boolean, ticketIds: string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>()
  if (!ticketIds.length) return labels
  if (localReady) {
    const local = await db.query<{ id: string; number: number; subject: string | null; customer: string | null }>(
      'select id, number, subject, contact_name as customer from tickets where id = any($1)',
      [ticketIds],
    )
    for (const row of local.rows) labels.set(row.id, label(row))
  }
  await Promise.all(
    ticketIds
      .filter((id) => !labels.has(id))
      .map(async (id) => {
        const detail = await api(ticketDetailSchema, 'GET', `/api/tickets/${id}`).catch(() => null)
        if (detail) labels.set(id, label({ ...detail.ticket, customer: detail.contact?.name ?? null }))
      }),
  )
  return labels
}
