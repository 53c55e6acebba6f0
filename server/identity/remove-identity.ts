// An agent takes an identity off a contact (linked by mistake): later messages from it no longer land on
// this profile; the tickets stay where they are. A contact keeps at least one identity: without one its
// customer could never be reached or recognised again, so the last one is refused (409 last_identity;
// merge the profile into another instead). The profile's email or phone falls back to another identity of
// that kind, or to none.
import { and, asc, eq, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Identity } from '../../shared/schema/contact.ts'
import { mayChangeContacts } from '../access/contact-visibility.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { findContact } from './find-contact.ts'
import { contactSearchText } from './resolve-contacts.ts'

export async function removeIdentity(db: Db, actor: Actor, contactId: string, identityId: string, now: Date): Promise<Identity> {
  return db.transaction(async (tx) => {
    const contact = await findContact(tx, actor, contactId)
    if (!(await mayChangeContacts(tx, actor, [contact.id]))) throw new AppError('not_found', `No contact ${contactId}.`)
    const held = await tx
      .select({ id: contactIdentities.id, kind: contactIdentities.kind, value: contactIdentities.value })
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, contact.id))
      .orderBy(asc(contactIdentities.createdAt))
    const identity = uuidPattern.test(identityId) ? held.find((i) => i.id === identityId) : undefined
    if (!identity) throw new AppError('not_found', `This contact has no identity ${identityId}.`)
    if (held.length === 1)
      throw new AppError(
        'last_identity',
        'This is the contact’s only identity: without it the customer could not be recognised again. Merge the profile into another instead.',
      )
    await tx
      .delete(contactIdentities)
      .where(and(eq(contactIdentities.id, identity.id), eq(contactIdentities.contactId, contact.id)))
    const other = (kinds: string[]) => held.find((i) => kinds.includes(i.kind) && i.id !== identity.id)?.value ?? null
    const email = identity.kind === 'email' && contact.email === identity.value ? other(['email']) : contact.email
    const phone = contact.phone === identity.value ? other(['phone']) : contact.phone
    if (email !== contact.email || phone !== contact.phone) {
      await tx
        .update(contacts)
        .set({ email, phone, search: sql`to_tsvector('simple', ${contactSearchText(contact.name, email)})`, updatedAt: now })
        .where(eq(contacts.id, contact.id))
    }
    const removed = { kind: identity.kind, value: identity.value }
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'contact.identity_removed',
          entityType: 'contact',
          entityId: contact.id,
          data: { identityId: identity.id, ...removed },
        },
      ],
      now,
    )
    return removed
  })
}
