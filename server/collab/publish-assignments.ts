// A ticket's assignment changed in the database (a colleague over REST, a handoff, a rule): every open
// document of it shows the new one, and sockets of agents who may no longer see the ticket are closed.

import { setAssignment } from '../../shared/protocol/ticket-document.ts'
import type { Logger } from '../log.ts'
import type { CollabServer } from './collab-server.ts'

export interface AssignedTicket {
  id: string
  assigneeId: string | null
  teamId: string | null
}

export async function publishAssignments(
  collab: Pick<CollabServer, 'change' | 'recheck'>,
  workspaceId: string,
  tickets: readonly AssignedTicket[],
  log: Logger,
): Promise<void> {
  if (!tickets.length) return
  for (const ticket of tickets) {
    // The change is committed: a document that cannot take it now gets it from the database when it opens.
    await collab
      .change(ticket.id, workspaceId, (doc) => setAssignment(doc, ticket))
      .catch((error: unknown) => log.error('could not write an assignment into the document', { ticketId: ticket.id, error }))
  }
  collab.recheck(workspaceId, { ticketIds: tickets.map((t) => t.id) })
}
