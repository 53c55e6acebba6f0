// Identity resolution: finds the contact a message's identities belong to, or creates one, and links every
// identity the message carries that nobody owns yet (a form with an email and a phone joins both).
import { and, eq, or, sql } from 'drizzle-orm'
import type { Identity } from '../../shared/schema/contact.ts'
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { segmentForIndex } from '../search/segment.ts'
import { normaliseIdentities } from './normalise-identity.ts'

export interface ContactHint {
  name: string | null
  identities: readonly Identity[]
  avatarUrl?: string | null | undefined
}

export interface ResolvedContact {
  contactId: string
  name: string | null
  audit: AuditEntry[]
}

export async function resolveContact(db: Db, workspaceId: string, hint: ContactHint): Promise<ResolvedContact> {
  const identities = normaliseIdentities(hint.identities)
  const owned = identities.length
    ? await db
        .select({ contactId: contactIdentities.contactId, kind: contactIdentities.kind, value: contactIdentities.value })
        .from(contactIdentities)
        .where(
          and(
            eq(contactIdentities.workspaceId, workspaceId),
            or(...identities.map((i) => and(eq(contactIdentities.kind, i.kind), eq(contactIdentities.value, i.value)))),
          ),
        )
    : []
  const email = identities.find((i) => i.kind === 'email')?.value ?? null
  const phone = identities.find((i) => i.kind === 'phone')?.value ?? null
  const audit: AuditEntry[] = []

  // The identity listed first (the channel's own id) decides when two profiles match.
  const first = identities.map((i) => owned.find((o) => o.kind === i.kind && o.value === i.value)).find(Boolean)
  let contactId: string
  let name = hint.name
  if (first) {
    contactId = first.contactId
    const [updated] = await db
      .update(contacts)
      .set({
        name: sql`coalesce(${contacts.name}, ${hint.name})`,
        email: sql`coalesce(${contacts.email}, ${email})`,
        phone: sql`coalesce(${contacts.phone}, ${phone})`,
        avatarUrl: sql`coalesce(${contacts.avatarUrl}, ${hint.avatarUrl ?? null})`,
        // A profile that had no name yet becomes findable by the one this message brings.
        search: sql`case when ${contacts.name} is null then to_tsvector('simple', ${contactSearchText(hint.name, email)}) else ${contacts.search} end`,
      })
      .where(eq(contacts.id, contactId))
      .returning({ name: contacts.name })
    name = updated?.name ?? name
  } else {
    contactId = newId()
    await db.insert(contacts).values({
      id: contactId,
      workspaceId,
      name: hint.name,
      email,
      phone,
      avatarUrl: hint.avatarUrl ?? null,
      search: sql`to_tsvector('simple', ${contactSearchText(hint.name, email)})`,
    })
    audit.push({
      workspaceId,
      actorType: 'system',
      actorId: null,
      action: 'contact.created',
      entityType: 'contact',
      entityId: contactId,
    })
  }

  const unowned = identities.filter((i) => !owned.some((o) => o.kind === i.kind && o.value === i.value))
  if (unowned.length) {
    const linked = await db
      .insert(contactIdentities)
      .values(unowned.map((i) => ({ id: newId(), workspaceId, contactId, kind: i.kind, value: i.value })))
      .onConflictDoNothing()
      .returning({ kind: contactIdentities.kind, value: contactIdentities.value })
    for (const identity of linked) {
      audit.push({
        workspaceId,
        actorType: 'system',
        actorId: null,
        action: 'contact.identity_linked',
        entityType: 'contact',
        entityId: contactId,
        data: { kind: identity.kind, value: identity.value },
      })
    }
  }
  return { contactId, name, audit }
}

/** What a contact is found by: its name and email. */
export function contactSearchText(name: string | null, email: string | null): string {
  return segmentForIndex([name, email].filter(Boolean).join(' '))
}
