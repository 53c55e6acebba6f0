// The tag rows of a workspace as tickets are written: a tag typed on a ticket (by anyone who may change
// the ticket, agents included) gets a row with the default colour, and a name the list has already is
// written in the list's spelling, so "VIP" and "vip" stay one tag.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { jsonRecords } from '../db/json-records.ts'
import { rows } from '../db/rows.ts'

/**
 * The names as the workspace's list spells them (new ones added to it), in the given order, each once
 * whatever its case.
 */
export async function catalogueTags(db: Db, workspaceId: string, names: readonly string[]): Promise<string[]> {
  const wanted = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()]
  if (!wanted.length) return []
  const given = wanted.map((name, position) => ({ name, position }))
  await db.execute(sql`
    insert into tags (workspace_id, name)
    select ${workspaceId}::uuid, v.name from ${jsonRecords(given, 'name text, position int')}
    on conflict do nothing`)
  const found = await rows<{ position: number; name: string }>(
    db,
    sql`select v.position, coalesce(t.name, v.name) as name
        from ${jsonRecords(given, 'name text, position int')}
        left join tags t on t.workspace_id = ${workspaceId}::uuid and lower(t.name) = lower(v.name)
        order by v.position`,
  )
  return found.map((row) => row.name)
}
