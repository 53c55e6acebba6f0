// Edits and reactions of messages already stored, set-based. An edit replaces the text and keeps the
// one it replaced in the message's history; a reaction replaces that side's (customer or business)
// earlier one, and a null emoji takes it back. Neither is ever a message of its own. Several changes of
// one message in a batch apply in time order; one older than what the message shows already is ignored
// (webhooks arrive out of order). A change whose message we never stored stays only in inbound_events.
import { sql } from 'drizzle-orm'
import type { ChannelEvent } from '../channels/channel-event.ts'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { messages } from '../db/schema/messages.ts'
import { segmentForIndex } from '../search/segment.ts'

type Edited = Extract<ChannelEvent, { type: 'edited' }>
type Reaction = Extract<ChannelEvent, { type: 'reaction' }>

export async function applyMessageChanges(db: Db, events: readonly ChannelEvent[]): Promise<void> {
  const edits = events.filter((e): e is Edited => e.type === 'edited')
  const reactions = events.filter((e): e is Reaction => e.type === 'reaction')
  for (const round of inRounds(edits, (e) => `${e.workspaceId}|${e.externalId}`)) await applyEdits(db, round)
  // By message, not by side: one statement changes each row once, so both sides' reactions need two.
  for (const round of inRounds(reactions, (e) => `${e.workspaceId}|${e.externalId}`)) await applyReactions(db, round)
}

/** Rounds in which each key appears once, in time order: round n holds each key's n-th change. */
function inRounds<T extends { at: string }>(events: T[], keyOf: (event: T) => string): T[][] {
  const byKey = new Map<string, T[]>()
  for (const event of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)))
    byKey.set(keyOf(event), [...(byKey.get(keyOf(event)) ?? []), event])
  const rounds: T[][] = []
  for (const list of byKey.values())
    for (const [i, event] of list.entries()) {
      rounds[i] = [...(rounds[i] ?? []), event]
    }
  return rounds
}

async function applyEdits(db: Db, edits: Edited[]): Promise<void> {
  const records = edits.map((e) => ({
    w: e.workspaceId,
    x: e.externalId,
    body: e.body,
    at: e.at,
    atText: new Date(e.at).toISOString(),
    searchText: segmentForIndex(e.body),
  }))
  await db.execute(sql`
    update ${messages} m set
      edit_history = m.edit_history || jsonb_build_array(jsonb_build_object('body', m.body, 'replacedAt', v."atText")),
      body = v.body, edited_at = v.at, search = to_tsvector('simple', v."searchText")
    from ${jsonRecords(records, 'w uuid, x text, body text, at timestamptz, "atText" text, "searchText" text')}
    where m.workspace_id = v.w and m.external_id = v.x and m.kind = 'message'
      and (m.edited_at is null or m.edited_at < v.at) and m.body is distinct from v.body`)
}

async function applyReactions(db: Db, reactions: Reaction[]): Promise<void> {
  const records = reactions.map((r) => ({
    w: r.workspaceId,
    x: r.externalId,
    by: r.by,
    emoji: r.emoji,
    at: r.at,
    atText: new Date(r.at).toISOString(),
  }))
  await db.execute(sql`
    update ${messages} m set reactions =
      coalesce((select jsonb_agg(r) from jsonb_array_elements(m.reactions) r where r->>'by' <> v.by), '[]'::jsonb)
      || case when v.emoji is null then '[]'::jsonb
              else jsonb_build_array(jsonb_build_object('by', v.by, 'emoji', v.emoji, 'at', v."atText")) end
    from ${jsonRecords(records, 'w uuid, x text, by text, emoji text, at timestamptz, "atText" text')}
    where m.workspace_id = v.w and m.external_id = v.x and m.kind = 'message'
      and not exists (
        select 1 from jsonb_array_elements(m.reactions) r where r->>'by' = v.by and (r->>'at')::timestamptz > v.at)`)
}
