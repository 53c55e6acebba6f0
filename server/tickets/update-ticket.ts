// PATCH of a ticket: status, priority, assignee, team, tags, subject. Each change is audited and shown in
// the thread as an event, so the handoff history reads in order beside the conversation.
import { and, eq, type SQL, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Ticket, UpdateTicket } from '../../shared/schema/ticket.ts'
import { type AuditEntry, type AuditVia, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { agents, teams } from '../db/schema/agents.ts'
import { contacts } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { notify } from '../notifications/notify.ts'
import { catalogueTags } from '../tags/tag-catalogue.ts'
import { assertMayAssign } from './assignment-permission.ts'
import { findVisibleTicket } from './get-ticket.ts'
import { ticketSearchText } from './thread-messages.ts'
import { ticketColumns, toTicket } from './ticket-view.ts'

/** `via` names what the agent made the change through (a macro), in each audit row. */
export async function updateTicket(
  db: Db,
  actor: Actor,
  ticketId: string,
  patch: UpdateTicket,
  now: Date,
  via?: AuditVia,
): Promise<Ticket> {
  return db.transaction(async (tx) => {
    const before = await findVisibleTicket(tx, actor, ticketId)
    assertMayAssign(actor, before, patch)
    const names = await checkReferences(tx, actor.workspaceId, patch)
    const set: Omit<Partial<typeof tickets.$inferInsert>, 'search'> & { search?: SQL } = { updatedAt: now }
    const events: string[] = []
    const audit: AuditEntry[] = []
    const change = (field: string, from: unknown, to: unknown, sentence: string) => {
      audit.push({
        workspaceId: actor.workspaceId,
        actorType: 'agent',
        actorId: actor.agentId,
        action: `ticket.${field}_changed`,
        entityType: 'ticket',
        entityId: before.id,
        data: { from, to, ...via },
      })
      events.push(sentence)
    }

    if (patch.status && patch.status !== before.status) {
      set.status = patch.status
      set.resolvedAt = patch.status === 'resolved' || patch.status === 'closed' ? now : null
      // A resolved ticket has nothing to come back for.
      if (set.resolvedAt) Object.assign(set, { snoozedUntil: null, snoozedUntilCustomerReplies: false })
      change('status', before.status, patch.status, `${actor.name} set the status to ${patch.status}.`)
    }
    if (patch.priority && patch.priority !== before.priority) {
      set.priority = patch.priority
      change('priority', before.priority, patch.priority, `${actor.name} set the priority to ${patch.priority}.`)
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== before.assigneeId) {
      set.assigneeId = patch.assigneeId
      const sentence = patch.assigneeId
        ? `${actor.name} assigned the ticket to ${names.assignee}.`
        : `${actor.name} unassigned the ticket.`
      change('assignee', before.assigneeId, patch.assigneeId, sentence)
    }
    if (patch.teamId !== undefined && patch.teamId !== before.teamId) {
      set.teamId = patch.teamId
      const sentence = patch.teamId
        ? `${actor.name} moved the ticket to the team ${names.team}.`
        : `${actor.name} took the ticket out of its team.`
      change('team', before.teamId, patch.teamId, sentence)
    }
    if (patch.tags) {
      // Each tag once, spelled as the workspace's tag list has it (a new one joins the list).
      const next = await catalogueTags(tx, actor.workspaceId, patch.tags)
      if (next.join('\u0000') !== before.tags.join('\u0000')) {
        set.tags = next
        const sentence = next.length ? `${actor.name} set the tags to ${next.join(', ')}.` : `${actor.name} removed all tags.`
        change('tags', before.tags, next, sentence)
      }
    }
    if (patch.subject && patch.subject !== before.subject) {
      const [contact] = await tx.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, before.contactId))
      set.subject = patch.subject
      set.search = sql`to_tsvector('simple', ${ticketSearchText(patch.subject, contact?.name ?? null)})`
      change('subject', before.subject, patch.subject, `${actor.name} changed the subject to “${patch.subject}”.`)
    }

    const [after] = await tx.update(tickets).set(set).where(eq(tickets.id, before.id)).returning(ticketColumns)
    if (events.length) {
      await tx.insert(messages).values(
        events.map((body) => ({
          id: newId(),
          workspaceId: actor.workspaceId,
          ticketId: before.id,
          kind: 'event' as const,
          authorType: 'agent' as const,
          authorId: actor.agentId,
          body,
          status: 'sent' as const,
          createdAt: now,
        })),
      )
    }
    await recordAudit(tx, audit, now)
    // Someone else giving an agent a ticket tells them; taking one yourself needs no telling.
    if (set.assigneeId && set.assigneeId !== actor.agentId) {
      await notify(tx, [
        {
          workspaceId: actor.workspaceId,
          agentId: set.assigneeId,
          kind: 'assigned',
          ticketId: before.id,
          body: `Ticket #${before.number} was assigned to you by ${actor.name}.`,
          at: now,
        },
      ])
    }
    return toTicket(after!)
  })
}

/** Assignee and team must exist in the actor's workspace; returns their names for the event text. */
async function checkReferences(db: Db, workspaceId: string, patch: UpdateTicket) {
  const names = { assignee: '', team: '' }
  if (patch.assigneeId) {
    const [agent] = await db
      .select({ name: agents.name })
      .from(agents)
      .where(and(eq(agents.id, patch.assigneeId), eq(agents.workspaceId, workspaceId)))
    if (!agent) throw unknownReference('assigneeId', `No agent ${patch.assigneeId}.`)
    names.assignee = agent.name
  }
  if (patch.teamId) {
    const [team] = await db
      .select({ name: teams.name })
      .from(teams)
      .where(and(eq(teams.id, patch.teamId), eq(teams.workspaceId, workspaceId)))
    if (!team) throw unknownReference('teamId', `No team ${patch.teamId}.`)
    names.team = team.name
  }
  return names
}

function unknownReference(path: string, message: string): AppError {
  return new AppError('invalid_input', message, [{ path, message }])
}
