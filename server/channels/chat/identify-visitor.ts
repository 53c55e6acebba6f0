// A visitor leaves a name or an email in the widget. When they have a contact already (they wrote
// before), the email joins that contact as an identity, so their mail and forms land on the same
// profile, and empty name and email fields are filled (the email is where a reply goes once they are
// gone). An email another contact owns is not taken over: anyone can type an address, so joining the
// two is left to an agent's merge. Before their first message nothing is written: the message carries
// the email and the ingest joins it the usual way.
import { and, eq, sql } from 'drizzle-orm'
import { isVisitorLabel } from '../../../shared/visitor-label.ts'
import { recordAudit } from '../../audit/audit-entry.ts'
import type { Db } from '../../db/create-db.ts'
import { newId } from '../../db/new-id.ts'
import { contactIdentities, contacts } from '../../db/schema/contacts.ts'
import { normaliseIdentities } from '../../identity/normalise-identity.ts'
import { contactSearchText } from '../../identity/resolve-contacts.ts'

export type IdentifyOutcome = 'no_contact' | 'linked' | 'owned_elsewhere' | 'known'

export async function identifyVisitor(
  db: Db,
  workspaceId: string,
  visitorId: string,
  profile: { name: string | null; email: string | null },
  now: Date,
): Promise<IdentifyOutcome> {
  const email = profile.email ? (normaliseIdentities([{ kind: 'email', value: profile.email }])[0]?.value ?? null) : null
  return db.transaction(async (tx) => {
    if (email) {
      // The ingest's lock for this identity (resolve-contacts.ts), so a message carrying it waits for us.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${workspaceId}|email|${email}`}, 0))`)
    }
    const [contact] = await tx
      .select({ id: contacts.id, name: contacts.name, email: contacts.email })
      .from(contactIdentities)
      .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
      .where(
        and(
          eq(contactIdentities.workspaceId, workspaceId),
          eq(contactIdentities.kind, 'chat'),
          eq(contactIdentities.value, visitorId),
        ),
      )
    if (!contact) return 'no_contact'
    let outcome: IdentifyOutcome = 'known'
    if (email) {
      const [owner] = await tx
        .select({ contactId: contactIdentities.contactId })
        .from(contactIdentities)
        .where(
          and(
            eq(contactIdentities.workspaceId, workspaceId),
            eq(contactIdentities.kind, 'email'),
            eq(contactIdentities.value, email),
          ),
        )
      if (!owner) {
        await tx
          .insert(contactIdentities)
          .values({ id: newId(), workspaceId, contactId: contact.id, kind: 'email', value: email })
        await recordAudit(
          tx,
          [
            {
              workspaceId,
              actorType: 'contact',
              actorId: contact.id,
              action: 'contact.identity_linked',
              entityType: 'contact',
              entityId: contact.id,
              data: { kind: 'email', value: email, via: 'chat' },
            },
          ],
          now,
        )
        outcome = 'linked'
      } else if (owner.contactId !== contact.id) outcome = 'owned_elsewhere'
    }
    const name = contact.name && !isVisitorLabel(contact.name) ? contact.name : (profile.name ?? contact.name)
    const filledEmail = contact.email ?? email
    if (name !== contact.name || filledEmail !== contact.email) {
      await tx
        .update(contacts)
        .set({
          name,
          email: filledEmail,
          search: sql`to_tsvector('simple', ${contactSearchText(name, filledEmail)})`,
          updatedAt: now,
        })
        .where(eq(contacts.id, contact.id))
    }
    return outcome
  })
}
