// Merging two profiles of one person by hand: the source's identities and tickets move to the target,
// the target's empty fields take the source's values, and the source is kept as merged (never deleted).
// The audit entry lists every identity and ticket moved, so the merge's effect can be undone.
import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Contact } from '../../shared/schema/contact.ts'
import { mayChangeContacts } from '../access/contact-visibility.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from './contact-view.ts'
import { findContact } from './find-contact.ts'
import { contactSearchText } from './resolve-contacts.ts'

export async function mergeContacts(db: Db, actor: Actor, targetId: string, sourceId: string, now: Date): Promise<Contact> {
  if (targetId === sourceId)
    throw new AppError('invalid_input', 'A contact cannot be merged into itself.', [
      { path: 'sourceId', message: 'Same as the target' },
    ])
  return db.transaction(async (tx) => {
    const target = await findContact(tx, actor, targetId)
    const source = await findContact(tx, actor, sourceId)
    // Both profiles' tickets change hands (and where their replies may go): the caller must see them all.
    if (!(await mayChangeContacts(tx, actor, [target.id, source.id]))) throw new AppError('not_found', `No contact ${targetId}.`)
    const movedIdentities = await tx
      .update(contactIdentities)
      .set({ contactId: target.id })
      .where(eq(contactIdentities.contactId, source.id))
      .returning({ id: contactIdentities.id, kind: contactIdentities.kind, value: contactIdentities.value })
    const movedTickets = await tx
      .update(tickets)
      .set({ contactId: target.id })
      .where(and(eq(tickets.contactId, source.id), eq(tickets.workspaceId, actor.workspaceId)))
      .returning({ id: tickets.id })
    const name = target.name ?? source.name
    const email = target.email ?? source.email
    const [merged] = await tx
      .update(contacts)
      .set({
        name,
        email,
        phone: target.phone ?? source.phone,
        avatarUrl: target.avatarUrl ?? source.avatarUrl,
        search: sql`to_tsvector('simple', ${contactSearchText(name, email)})`,
        updatedAt: now,
      })
      .where(eq(contacts.id, target.id))
      .returning(contactColumns)
    await tx.update(contacts).set({ mergedIntoId: target.id, updatedAt: now }).where(eq(contacts.id, source.id))
    const data = {
      sourceId: source.id,
      targetId: target.id,
      identities: movedIdentities,
      ticketIds: movedTickets.map((t) => t.id),
    }
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'contact.merged',
          entityType: 'contact',
          entityId: target.id,
          data,
        },
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'contact.merged_away',
          entityType: 'contact',
          entityId: source.id,
          data,
        },
      ],
      now,
    )
    return toContact(merged!)
  })
}
