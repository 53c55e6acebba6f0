// GET /api/tags: every tag of the workspace with how many tickets carry it, the caller's sight counted
// (an agent counts the tickets they may see). A tag on tickets that has no row (put on by a rule or a
// channel) is listed too, with the default colour.
import { sql } from 'drizzle-orm'
import { defaultTagColor, type Tag } from '../../shared/schema/tag.ts'
import { visibleTickets } from '../access/ticket-visibility.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'
import { tickets } from '../db/schema/tickets.ts'

export function listTags(db: Db, actor: Actor): Promise<Tag[]> {
  return readTags(db, actor, null)
}

/** One tag as the list shows it (its name in any case), or null when there is none, as a row or on a ticket. */
export async function readTag(db: Db, actor: Actor, name: string): Promise<Tag | null> {
  const [tag] = await readTags(db, actor, name)
  return tag ?? null
}

async function readTags(db: Db, actor: Actor, only: string | null): Promise<Tag[]> {
  const found = await rows<{ name: string; color: string; description: string; ticket_count: number | string }>(
    db,
    sql`with used as (
          select lower(tag) as key, min(tag) as name, count(distinct ${tickets.id}) as n
          from ${tickets}, unnest(${tickets.tags}) as tag
          where ${visibleTickets(actor)} ${only === null ? sql`` : sql`and lower(tag) = lower(${only})`}
          group by lower(tag)
        ), listed as (
          select lower(name) as key, name, color, description from tags
          where workspace_id = ${actor.workspaceId}::uuid ${only === null ? sql`` : sql`and lower(name) = lower(${only})`}
        )
        select coalesce(l.name, u.name) as name, coalesce(l.color, ${defaultTagColor}) as color,
               coalesce(l.description, '') as description, coalesce(u.n, 0) as ticket_count
        from listed l full join used u on u.key = l.key
        order by lower(coalesce(l.name, u.name)), coalesce(l.name, u.name)`,
  )
  return found.map((row) => ({
    name: row.name,
    color: row.color,
    description: row.description,
    ticketCount: Number(row.ticket_count),
  }))
}
