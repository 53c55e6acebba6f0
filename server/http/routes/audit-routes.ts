// The audit log of a ticket (GET /api/tickets/:id/audit) and of a contact (GET /api/contacts/:id/audit),
// each for those who may see the ticket or the contact; anything else is not_found.
import { Hono } from 'hono'
import { auditQuerySchema } from '../../../shared/schema/audit.ts'
import { listAudit } from '../../audit/list-audit.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { findContact } from '../../identity/find-contact.ts'
import { findVisibleTicket } from '../../tickets/get-ticket.ts'
import type { AppDeps } from '../app-deps.ts'
import { readQuery } from '../read-input.ts'

export function auditRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/tickets/:id/audit', async (c) => {
    const actor = c.get('actor')
    const ticket = await findVisibleTicket(db, actor, c.req.param('id'))
    const query = readQuery(c, auditQuerySchema)
    return c.json(await listAudit(db, { workspaceId: actor.workspaceId, type: 'ticket', id: ticket.id }, query))
  })
  app.get('/contacts/:id/audit', async (c) => {
    const actor = c.get('actor')
    const contact = await findContact(db, actor, c.req.param('id'))
    const query = readQuery(c, auditQuerySchema)
    return c.json(await listAudit(db, { workspaceId: actor.workspaceId, type: 'contact', id: contact.id }, query))
  })
  return app
}
