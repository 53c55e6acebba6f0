// Identity resolution for a batch, against the database: one lookup of every identity the batch
// carries, the pure plan (plan-contacts.ts), then one insert of new contacts, one of new identities and
// one update filling empty fields. A handful of statements, whatever the batch size.
import { sql } from 'drizzle-orm'
import type { AuditEntry } from '../audit/audit-entry.ts'
import type { Db } from '../db/create-db.ts'
import { insertJsonRecords, jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { segmentForIndex } from '../search/segment.ts'
import { type ContactPlan, type ContactRequest, type OwnedIdentity, planContacts } from './plan-contacts.ts'

export async function resolveContacts(
  db: Db,
  requests: readonly ContactRequest[],
  now: Date,
  /** Lock the identities first (batches running side by side); pointless on one connection. */
  lock = true,
): Promise<{ plan: ContactPlan; audit: AuditEntry[] }> {
  const wanted = requests.flatMap((r) => r.identities.map((i) => ({ w: r.workspaceId, k: i.kind, v: i.value })))
  if (lock) await lockIdentities(db, wanted)
  const owned = wanted.length
    ? (
        await rows<{
          workspace_id: string
          contact_id: string
          kind: OwnedIdentity['kind']
          value: string
          name: string | null
          email: string | null
          phone: string | null
          avatar_url: string | null
        }>(
          db,
          sql`select i.workspace_id, i.contact_id, i.kind, i.value, c.name, c.email, c.phone, c.avatar_url
              from ${jsonRecords(wanted, 'w uuid, k text, v text')}
              join ${contactIdentities} i on i.workspace_id = v.w and i.kind = v.k and i.value = v.v
              join ${contacts} c on c.id = i.contact_id`,
        )
      ).map((r) => ({
        workspaceId: r.workspace_id,
        contactId: r.contact_id,
        kind: r.kind,
        value: r.value,
        contact: { name: r.name, email: r.email, phone: r.phone, avatarUrl: r.avatar_url },
      }))
    : []
  const plan = planContacts(requests, owned, newId)
  const audit: AuditEntry[] = []

  if (plan.newContacts.length) {
    await db.execute(
      insertJsonRecords(
        'contacts',
        // Times come from here, in milliseconds, so list cursors (which carry them) compare exactly.
        plan.newContacts.map((c) => ({ ...c, createdAt: now, searchText: contactSearchText(c.name, c.email) })),
        {
          id: 'uuid',
          workspaceId: 'uuid',
          name: 'text',
          email: 'text',
          phone: 'text',
          avatarUrl: 'text',
          createdAt: 'timestamptz',
        },
        { columns: { search: `to_tsvector('simple', v."searchText")` }, inputs: { searchText: 'text' } },
      ),
    )
    for (const c of plan.newContacts) {
      audit.push({
        workspaceId: c.workspaceId,
        actorType: 'system',
        actorId: null,
        action: 'contact.created',
        entityType: 'contact',
        entityId: c.id,
      })
    }
  }
  if (plan.newIdentities.length) {
    // A concurrent batch (another server process) may have linked one first; that link stands.
    const linked = (
      await rows<{ workspace_id: string; contact_id: string; kind: string; value: string }>(
        db,
        sql`${insertJsonRecords(
          'contact_identities',
          plan.newIdentities.map((i) => ({ id: newId(), ...i })),
          { id: 'uuid', workspaceId: 'uuid', contactId: 'uuid', kind: 'text', value: 'text' },
        )} on conflict do nothing returning workspace_id, contact_id, kind, value`,
      )
    ).map((l) => ({ workspaceId: l.workspace_id, contactId: l.contact_id, kind: l.kind, value: l.value }))
    for (const i of linked) {
      audit.push({
        workspaceId: i.workspaceId,
        actorType: 'system',
        actorId: null,
        action: 'contact.identity_linked',
        entityType: 'contact',
        entityId: i.contactId,
        data: { kind: i.kind, value: i.value },
      })
    }
  }
  if (plan.fills.length) {
    const fills = plan.fills.map((f) => ({ ...f, search: contactSearchText(f.name, f.email) }))
    await db.execute(sql`
      update ${contacts} c set
        name = coalesce(c.name, v.name), email = coalesce(c.email, v.email), phone = coalesce(c.phone, v.phone),
        avatar_url = coalesce(c.avatar_url, v."avatarUrl"), search = to_tsvector('simple', v.search), updated_at = now()
      from ${jsonRecords(fills, 'id uuid, name text, email text, phone text, "avatarUrl" text, search text')}
      where c.id = v.id`)
  }
  return { plan, audit }
}

/**
 * Two transactions carrying the same identity at once (two quick messages of a new customer, in two
 * batches on PostgreSQL) would each find no owner and each create a contact and a ticket. A transaction
 * lock per identity, taken before the lookup and held to commit, makes the second wait and then find the
 * first one's contact and ticket. Locks are taken in key order, so two batches never wait on each other.
 */
async function lockIdentities(db: Db, wanted: readonly { w: string; k: string; v: string }[]): Promise<void> {
  if (!wanted.length) return
  await db.execute(sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(v.w || '|' || v.k || '|' || v.v, 0) as h
    from ${jsonRecords(wanted, 'w text, k text, v text')}) keys order by h`)
}

/** What a contact is found by: its name and email. */
export function contactSearchText(name: string | null, email: string | null): string {
  return segmentForIndex([name, email].filter(Boolean).join(' '))
}
