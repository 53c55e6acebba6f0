// An assignment changed in a ticket's document by an agent's socket is made in the database as that agent
// (checked, audited and shown in the thread like a change over REST). One the agent may not make, or
// naming an agent or team that does not exist, is reverted in the document and the attempt audited.
import { AppError } from '../../shared/errors.ts'
import { assignmentOf, readAssignment, setAssignment } from '../../shared/protocol/ticket-document.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Clock } from '../clock/clock.ts'
import type { Db } from '../db/create-db.ts'
import type { Logger } from '../log.ts'
import { findVisibleTicketAsSystem } from '../tickets/get-ticket.ts'
import { updateTicket } from '../tickets/update-ticket.ts'
import type { CollabRoom } from './collab-room.ts'

export interface AssignmentProjection {
  flushed(): Promise<void>
}

export function projectAssignment(
  deps: { db: Db; log: Logger; clock: Clock; assigned(ticketId: string, workspaceId: string): Promise<void> },
  room: CollabRoom,
  ticket: { id: string; workspaceId: string },
): AssignmentProjection {
  let written: Promise<void> = Promise.resolve()

  assignmentOf(room.doc).observe((_event, transaction) => {
    const actor = room.members.get(transaction.origin as never)?.actor
    if (!actor) return
    const wanted = readAssignment(room.doc)
    written = written
      .then(() => apply(actor, wanted))
      .catch((error: unknown) => deps.log.error('assignment not projected', { ticketId: ticket.id, error }))
  })

  async function apply(actor: Actor, wanted: { assigneeId: unknown; teamId: unknown }): Promise<void> {
    const reference = (value: unknown) =>
      value === null || value === undefined || (typeof value === 'string' && uuidPattern.test(value))
    const now = deps.clock.now()
    try {
      if (!reference(wanted.assigneeId) || !reference(wanted.teamId)) {
        throw new AppError('invalid_input', 'An assignee and a team are ids or null.')
      }
      await updateTicket(
        deps.db,
        actor,
        ticket.id,
        {
          assigneeId: wanted.assigneeId as string | null | undefined,
          teamId: wanted.teamId as string | null | undefined,
        },
        now,
      )
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      const current = await findVisibleTicketAsSystem(deps.db, ticket.id)
      room.doc.transact(() => setAssignment(room.doc, current), 'server')
      await recordAudit(
        deps.db,
        [
          {
            workspaceId: ticket.workspaceId,
            actorType: 'agent',
            actorId: actor.agentId,
            action: 'ticket.assignment_reverted',
            entityType: 'ticket',
            entityId: ticket.id,
            data: { attempted: wanted, reason: error.message },
          },
        ],
        now,
      )
      return
    }
    await deps.assigned(ticket.id, ticket.workspaceId)
  }

  return { flushed: () => written }
}
