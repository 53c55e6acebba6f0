// An agent links an identity to a contact by hand (the customer gave their email in a DM): mail from
// that address then lands on this profile. An identity another contact holds is a conflict: merge them.
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Identity } from '../../shared/schema/contact.ts'
import { mayChangeContacts, visibleContacts } from '../access/contact-visibility.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { findContact } from './find-contact.ts'
import { normaliseIdentities } from './normalise-identity.ts'

export async function addIdentity(db: Db, actor: Actor, contactId: string, input: Identity, now: Date): Promise<Identity> {
  const [identity] = normaliseIdentities([input])
  if (!identity) {
    throw new AppError(
      'invalid_input',
      `Not a valid ${input.kind}${input.kind === 'phone' ? ' number in international form (+…)' : ''}.`,
      [{ path: 'value', message: 'Invalid value' }],
    )
  }
  return db.transaction(async (tx) => {
    const contact = await findContact(tx, actor, contactId)
    // Mail from the identity will land on this profile and a reply may go to it: the caller must see
    // every ticket it affects.
    if (!(await mayChangeContacts(tx, actor, [contact.id]))) throw new AppError('not_found', `No contact ${contactId}.`)
    const [owner] = await tx
      .select({ contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(
        and(
          eq(contactIdentities.workspaceId, actor.workspaceId),
          eq(contactIdentities.kind, identity.kind),
          eq(contactIdentities.value, identity.value),
        ),
      )
    if (owner?.contactId === contact.id) return identity
    if (owner) {
      const [shown] = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.id, owner.contactId), visibleContacts(actor)))
      // The other profile is named only to a caller who may see it.
      throw new AppError(
        'conflict',
        'Another contact has this identity; merge the two profiles instead.',
        shown ? { contactId: shown.id } : undefined,
      )
    }
    await tx.insert(contactIdentities).values({ id: newId(), workspaceId: actor.workspaceId, contactId: contact.id, ...identity })
    if (identity.kind === 'email' && !contact.email)
      await tx.update(contacts).set({ email: identity.value }).where(eq(contacts.id, contact.id))
    if (identity.kind === 'phone' && !contact.phone)
      await tx.update(contacts).set({ phone: identity.value }).where(eq(contacts.id, contact.id))
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'contact.identity_linked',
          entityType: 'contact',
          entityId: contact.id,
          data: { ...identity, byHand: true },
        },
      ],
      now,
    )
    return identity
  })
}
