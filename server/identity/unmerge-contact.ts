// Undoing a merge: the contact merged away comes back with the identities and tickets the merge moved
// (as its audit entry recorded them), except any the agent has since moved elsewhere.
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Contact } from '../../shared/schema/contact.ts'
import { mayChangeContacts, visibleContacts } from '../access/contact-visibility.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { auditLog } from '../db/schema/audit-log.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { tickets } from '../db/schema/tickets.ts'
import { contactColumns, toContact } from './contact-view.ts'

interface MergeRecord {
  targetId: string
  identities: { id: string }[]
  ticketIds: string[]
}

export async function unmergeContact(db: Db, actor: Actor, sourceId: string, now: Date): Promise<Contact> {
  return db.transaction(async (tx) => {
    const [source] = uuidPattern.test(sourceId)
      ? await tx
          .select({ id: contacts.id, mergedIntoId: contacts.mergedIntoId })
          .from(contacts)
          .where(and(eq(contacts.id, sourceId), eq(contacts.workspaceId, actor.workspaceId), isNotNull(contacts.mergedIntoId)))
      : []
    if (!source?.mergedIntoId) throw new AppError('not_found', `No merged contact ${sourceId}.`)
    // Tickets move back from the profile it was merged into: the caller must see that profile and every
    // ticket on it (a merged-away contact has none of its own).
    const [into] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, source.mergedIntoId), visibleContacts(actor)))
    if (!into || !(await mayChangeContacts(tx, actor, [into.id])))
      throw new AppError('not_found', `No merged contact ${sourceId}.`)
    const [entry] = await tx
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, source.id), eq(auditLog.action, 'contact.merged_away')))
      .orderBy(desc(auditLog.createdAt))
      .limit(1)
    const merge = entry?.data as MergeRecord | undefined
    if (!merge) throw new AppError('conflict', 'This merge has no record to undo.')
    const identityIds = merge.identities.map((i) => i.id)
    const movedBack = identityIds.length
      ? await tx
          .update(contactIdentities)
          .set({ contactId: source.id })
          .where(and(inArray(contactIdentities.id, identityIds), eq(contactIdentities.contactId, merge.targetId)))
          .returning({ kind: contactIdentities.kind, value: contactIdentities.value })
      : []
    const ticketsBack = merge.ticketIds.length
      ? await tx
          .update(tickets)
          .set({ contactId: source.id })
          .where(and(inArray(tickets.id, merge.ticketIds), eq(tickets.contactId, merge.targetId)))
          .returning({ id: tickets.id })
      : []
    const [restored] = await tx
      .update(contacts)
      .set({ mergedIntoId: null, updatedAt: now })
      .where(eq(contacts.id, source.id))
      .returning(contactColumns)
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'contact.unmerged',
          entityType: 'contact',
          entityId: source.id,
          data: { fromId: merge.targetId, identities: movedBack, ticketIds: ticketsBack.map((t) => t.id) },
        },
        // The profile it was merged into says so too: its history shows the merge as undone.
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'contact.merge_undone',
          entityType: 'contact',
          entityId: merge.targetId,
          data: { sourceId: source.id, identities: movedBack, ticketIds: ticketsBack.map((t) => t.id) },
        },
      ],
      now,
    )
    return toContact(restored!)
  })
}
