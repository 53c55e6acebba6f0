// Tickets: the inbox list, one ticket with its thread, changes, and internal notes.
import { Hono } from 'hono'
import { createNoteSchema } from '../../../shared/schema/message.ts'
import { createReplySchema } from '../../../shared/schema/reply.ts'
import { bulkUpdateSchema, snoozeTicketSchema, ticketListQuerySchema, updateTicketSchema } from '../../../shared/schema/ticket.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { replyToTicket } from '../../outbound/reply-to-ticket.ts'
import { addNote } from '../../tickets/add-note.ts'
import { bulkUpdate } from '../../tickets/bulk-update.ts'
import { getTicket } from '../../tickets/get-ticket.ts'
import { getTicketPost } from '../../tickets/get-ticket-post.ts'
import { listTickets } from '../../tickets/list-tickets.ts'
import { snoozeTicket } from '../../tickets/snooze-ticket.ts'
import { updateTicket } from '../../tickets/update-ticket.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson, readQuery } from '../read-input.ts'

export function ticketRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.json(await listTickets(db, c.get('actor'), readQuery(c, ticketListQuerySchema), deps.clock.now())))
  app.post('/bulk', async (c) => {
    const request = await readJson(c, bulkUpdateSchema)
    const actor = c.get('actor')
    const results = await bulkUpdate(db, actor, request, deps.clock.now())
    const changed = results.flatMap((r) => (r.ticket ? [r.ticket] : []))
    if (changed.length && (request.set.assigneeId !== undefined || request.set.teamId !== undefined)) {
      await deps.afterCommit.assignmentsChanged(actor.workspaceId, changed)
    }
    if (changed.length)
      await deps.afterCommit.ticketsUpdated(
        actor.workspaceId,
        changed.map((t) => t.id),
      )
    return c.json({ results })
  })
  app.get('/:id', async (c) => c.json(await getTicket(db, c.get('actor'), c.req.param('id'))))
  app.get('/:id/post', async (c) => c.json({ post: await getTicketPost(db, deps.posts, c.get('actor'), c.req.param('id')) }))
  app.patch('/:id', async (c) => {
    const patch = await readJson(c, updateTicketSchema)
    const actor = c.get('actor')
    const ticket = await updateTicket(db, actor, c.req.param('id'), patch, deps.clock.now())
    if (patch.assigneeId !== undefined || patch.teamId !== undefined) {
      await deps.afterCommit.assignmentsChanged(actor.workspaceId, [ticket])
    }
    await deps.afterCommit.ticketsUpdated(actor.workspaceId, [ticket.id])
    return c.json({ ticket })
  })
  app.post('/:id/snooze', async (c) => {
    const snooze = await readJson(c, snoozeTicketSchema)
    const actor = c.get('actor')
    const until = snooze.until ? new Date(snooze.until) : null
    const ticket = await snoozeTicket(
      db,
      actor,
      c.req.param('id'),
      { until, untilCustomerReplies: snooze.untilCustomerReplies ?? false },
      deps.clock.now(),
    )
    await deps.afterCommit.ticketsUpdated(actor.workspaceId, [ticket.id])
    return c.json({ ticket })
  })
  app.delete('/:id/snooze', async (c) => {
    const actor = c.get('actor')
    const ticket = await snoozeTicket(db, actor, c.req.param('id'), null, deps.clock.now())
    await deps.afterCommit.ticketsUpdated(actor.workspaceId, [ticket.id])
    return c.json({ ticket })
  })
  app.post('/:id/replies', async (c) => {
    const reply = await readJson(c, createReplySchema)
    const actor = c.get('actor')
    const ticketId = c.req.param('id')
    const present = deps.collab.presence.ticket(ticketId)
    const { message, repeated } = await replyToTicket(db, actor, ticketId, reply, deps.clock.now(), present)
    await deps.afterCommit.replyQueued(actor.workspaceId, { ticketId: message.ticketId, repeated })
    if (reply.setStatus && !repeated) await deps.afterCommit.ticketsUpdated(actor.workspaceId, [ticketId])
    return c.json({ message }, 202)
  })
  app.post('/:id/notes', async (c) => {
    const { body } = await readJson(c, createNoteSchema)
    const actor = c.get('actor')
    const message = await addNote(db, actor, c.req.param('id'), body, deps.clock.now())
    await deps.afterCommit.noteAdded(actor.workspaceId, message)
    return c.json({ message }, 201)
  })

  return app
}
