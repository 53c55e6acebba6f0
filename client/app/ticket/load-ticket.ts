// A ticket with its contact and messages: read from the local database (instant, and offline) once it
// has opened, and refreshed from the server, whose answer is shown at once and stored locally.
import type { Contact } from '../../../shared/schema/contact.ts'
import type { Message } from '../../../shared/schema/message.ts'
import { type Ticket, ticketDetailSchema } from '../../../shared/schema/ticket.ts'
import { ApiError, api } from '../net/http.ts'
import type { LocalDb } from '../offline/local-db.ts'
import { storeRows } from '../offline/store-sync-page.ts'

export interface TicketDetail {
  ticket: Ticket
  contact: Contact | null
  messages: Message[]
}

export async function readLocalTicket(db: LocalDb, ticketId: string): Promise<TicketDetail | null> {
  const ticket = await db.query<{ data: Ticket }>('select data from tickets where id = $1', [ticketId])
  const row = ticket.rows[0]
  if (!row) return null
  const [contact, messages] = await Promise.all([
    db.query<{ data: Contact }>('select data from contacts where id = $1', [row.data.contactId]),
    db.query<{ data: Message }>('select data from messages where ticket_id = $1 order by created_at, id', [ticketId]),
  ])
  return { ticket: row.data, contact: contact.rows[0]?.data ?? null, messages: messages.rows.map((m) => m.data) }
}

/**
 * Reads the server's copy, hands it to `shown` at once and stores it; a ticket the agent may no longer
 * see (404) leaves this device.
 */
export async function refreshTicket(db: LocalDb, ticketId: string, shown: (detail: TicketDetail) => void): Promise<void> {
  try {
    const detail = await api(ticketDetailSchema, 'GET', `/api/tickets/${ticketId}`)
    shown(detail)
    await storeRows(db, { tickets: [detail.ticket], contacts: [detail.contact], messages: detail.messages })
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error
    await db.transaction(async (tx) => {
      await tx.query('delete from messages where ticket_id = $1', [ticketId])
      await tx.query('delete from tickets where id = $1', [ticketId])
    })
  }
}
