// The order an agent has in view on a ticket, for the `{{order.*}}` variables. The helpdesk keeps no orders
// yet: this answers null until the shop connector reads the contact's orders (GET /api/contacts/:id/orders),
// and then returns the most recent of them (or the one the agent picked in the sidebar).
import type { RenderContext } from '../../shared/saved-reply/render-saved-reply.ts'
import type { Db } from '../db/create-db.ts'
import type { TicketRow } from '../tickets/ticket-view.ts'

export async function orderInView(_db: Db, _ticket: TicketRow): Promise<RenderContext['order']> {
  return null
}
