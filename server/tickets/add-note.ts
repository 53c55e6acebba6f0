// An internal note on a ticket: stored as a message of kind note, which no channel ever sends.
import { eq, sql } from 'drizzle-orm'
import type { Message } from '../../shared/schema/message.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { segmentForIndex } from '../search/segment.ts'
import { findVisibleTicket } from './get-ticket.ts'
import { messageColumns, toMessage } from './message-view.ts'

export async function addNote(db: Db, actor: Actor, ticketId: string, body: string, now: Date): Promise<Message> {
  return db.transaction(async (tx) => {
    const ticket = await findVisibleTicket(tx, actor, ticketId)
    const id = newId()
    const [note] = await tx
      .insert(messages)
      .values({
        id,
        // The note's id in the ticket's shared document, where it is shown beside notes written there.
        externalId: `note:${id}`,
        workspaceId: actor.workspaceId,
        ticketId: ticket.id,
        kind: 'note',
        authorType: 'agent',
        authorId: actor.agentId,
        body,
        status: 'sent',
        search: sql`to_tsvector('simple', ${segmentForIndex(body)})`,
      })
      .returning(messageColumns)
    await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, ticket.id))
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'ticket.note_added',
          entityType: 'ticket',
          entityId: ticket.id,
          data: { messageId: note!.id },
        },
      ],
      now,
    )
    return toMessage(note!)
  })
}
