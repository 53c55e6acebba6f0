// Rewrites one tag on every ticket of a workspace that carries it (whatever its case), inside the caller's
// transaction: renamed or merged into another name (each ticket keeps each tag once, in its place), or
// taken off. Each changed ticket gets its audit entry; the triggers on tickets move its sync position, so
// open inboxes and the browsers' copies receive it like any other change.
import { sql } from 'drizzle-orm'
import { type AuditEntry, auditInsert } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'

/** `to`: the name the tag becomes on the tickets; null takes it off. */
export async function retagTickets(
  db: Db,
  actor: Actor,
  change: { from: string; to: string | null; action: string },
  now: Date,
): Promise<number> {
  const { from, to } = change
  // A ticket already carrying the target (in any case) keeps it once, in the target's spelling.
  const matches = to === null ? sql`lower(u.tag) = lower(${from})` : sql`lower(u.tag) in (lower(${from}), lower(${to}))`
  const next =
    to === null
      ? sql`array(select u.tag from unnest(t.tags) with ordinality as u(tag, ord) where not ${matches} order by u.ord)`
      : sql`array(select s.tag from (
              select case when ${matches} then ${to}::text else u.tag end as tag, min(u.ord) as ord
              from unnest(t.tags) with ordinality as u(tag, ord) group by 1
            ) s order by s.ord)`
  const changed = await rows<{ id: string; before: string[]; after: string[] }>(
    db,
    sql`with carrying as (
          select id, tags from tickets
          where workspace_id = ${actor.workspaceId}::uuid and exists (select 1 from unnest(tags) as x where lower(x) = lower(${from}))
          for update
        )
        update tickets t set tags = ${next}
        from carrying c where t.id = c.id
        returning t.id, c.tags as before, t.tags as after`,
  )
  const audit: AuditEntry[] = changed.map((ticket) => ({
    workspaceId: actor.workspaceId,
    actorType: 'agent',
    actorId: actor.agentId,
    action: 'ticket.tags_changed',
    entityType: 'ticket',
    entityId: ticket.id,
    data: { from: ticket.before, to: ticket.after, by: change.action },
  }))
  const insert = auditInsert(audit, now)
  if (insert) await db.execute(insert)
  return changed.length
}
