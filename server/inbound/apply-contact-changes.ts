// What a channel says about a customer rather than a message, set-based: a new number (WhatsApp
// number change) joins their contact as new identities, replaces the contact's phone if it was the old
// one, and is said on their latest ticket of that channel as an event line; a marketing opt-out (or
// opt-in again) marks their contact. A customer we never stored is left alone (the raw event stays).
import { sql } from 'drizzle-orm'
import type { Identity } from '../../shared/schema/contact.ts'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { newId } from '../db/new-id.ts'
import { rows } from '../db/rows.ts'
import { contactIdentities, contacts } from '../db/schema/contacts.ts'
import { messages } from '../db/schema/messages.ts'
import { tickets } from '../db/schema/tickets.ts'
import { normaliseIdentities } from '../identity/normalise-identity.ts'

type IdentityChanged = Extract<ChannelEvent, { type: 'identity_changed' }>
type Preference = Extract<ChannelEvent, { type: 'preference' }>

export async function applyContactChanges(db: Db, events: readonly ChannelEvent[], now: Date): Promise<void> {
  const changes = events.filter((e): e is IdentityChanged => e.type === 'identity_changed')
  const preferences = events.filter((e): e is Preference => e.type === 'preference' && e.category.startsWith('marketing'))
  if (changes.length) await applyIdentityChanges(db, changes, now)
  if (preferences.length) await applyPreferences(db, preferences)
}

/** A WhatsApp number's identities: the wa_id and, when it is a valid number, the phone. */
function numberIdentities(identity: Identity): Identity[] {
  if (identity.kind !== 'whatsapp') return normaliseIdentities([identity])
  return normaliseIdentities([identity, { kind: 'phone', value: `+${identity.value}` }])
}

async function applyIdentityChanges(db: Db, changes: IdentityChanged[], now: Date): Promise<void> {
  const records = changes.map((c) => ({
    w: c.workspaceId,
    ch: c.channelId,
    k: c.from.kind,
    val: normaliseIdentities([c.from])[0]?.value ?? c.from.value,
    body: c.body,
    at: c.at,
    oldPhone: numberIdentities(c.from).find((i) => i.kind === 'phone')?.value ?? null,
    newPhone: numberIdentities(c.to).find((i) => i.kind === 'phone')?.value ?? null,
    added: numberIdentities(c.to),
  }))
  const found = await rows<{ contact_id: string; i: number }>(
    db,
    sql`select ci.contact_id, v.i from ${jsonRecords(
      records.map((r, i) => ({ ...r, i })),
      'w uuid, k text, val text, i int',
    )} join ${contactIdentities} ci on ci.workspace_id = v.w and ci.kind = v.k and ci.value = v.val`,
  )
  if (!found.length) return
  const identities = found.flatMap((f) =>
    records[f.i]!.added.map((identity) => ({ id: newId(), w: records[f.i]!.w, c: f.contact_id, ...identity })),
  )
  // A number another contact holds already stays theirs: merging two customers is an agent's decision.
  await db.execute(sql`
    insert into ${contactIdentities} (id, workspace_id, contact_id, kind, value)
    select v.id, v.w, v.c, v.kind, v.value from ${jsonRecords(identities, 'id uuid, w uuid, c uuid, kind text, value text')}
    on conflict do nothing`)
  const located = found.map((f) => ({ ...records[f.i]!, c: f.contact_id, id: newId() }))
  await db.execute(sql`
    update ${contacts} c set phone = v."newPhone", updated_at = greatest(c.updated_at, v.at)
    from ${jsonRecords(located, 'c uuid, "oldPhone" text, "newPhone" text, at timestamptz')}
    where c.id = v.c and v."newPhone" is not null and c.phone = v."oldPhone"`)
  // The event line goes on the customer's latest ticket of the channel; touching the ticket makes the
  // browsers fetch it.
  await db.execute(sql`
    with lines as (
      insert into ${messages} (id, workspace_id, ticket_id, kind, author_type, body, status, created_at)
      select v.id, v.w, t.id, 'event', 'system', v.body, 'sent', ${now.toISOString()}::timestamptz
      from ${jsonRecords(located, 'id uuid, w uuid, ch uuid, c uuid, body text, at timestamptz')}
      join lateral (select id from ${tickets} t where t.contact_id = v.c and t.channel_id = v.ch
                    order by t.created_at desc limit 1) t on true
      returning ticket_id, created_at)
    update ${tickets} t set updated_at = lines.created_at from lines where t.id = lines.ticket_id`)
}

async function applyPreferences(db: Db, preferences: Preference[]): Promise<void> {
  // The latest word of each customer wins, whatever order the batch holds them in.
  const latest = new Map<string, Preference>()
  for (const p of preferences) {
    const key = `${p.workspaceId}|${p.identity.kind}|${p.identity.value}`
    const before = latest.get(key)
    if (!before || Date.parse(before.at) <= Date.parse(p.at)) latest.set(key, p)
  }
  const records = [...latest.values()].map((p) => ({
    w: p.workspaceId,
    k: p.identity.kind,
    val: normaliseIdentities([p.identity])[0]?.value ?? p.identity.value,
    out: p.optedOut,
    at: p.at,
  }))
  await db.execute(sql`
    update ${contacts} c set marketing_opt_out_at = case when v.out then v.at else null end,
      updated_at = greatest(c.updated_at, v.at)
    from ${jsonRecords(records, 'w uuid, k text, val text, "out" boolean, at timestamptz')}
    join ${contactIdentities} ci on ci.workspace_id = v.w and ci.kind = v.k and ci.value = v.val
    where c.id = ci.contact_id`)
}
