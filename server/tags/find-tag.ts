// The tag a change names: its row, locked for the change, whatever the case of the name given. A tag only on tickets (a rule or a channel put it there) gets its row here, so
// it can be recoloured, renamed or merged like any other; a name on neither is 404.
import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'
import { tags } from '../db/schema/tickets.ts'
import { catalogueTags } from './tag-catalogue.ts'

export type TagRow = typeof tags.$inferSelect

export async function findTag(db: Db, workspaceId: string, name: string): Promise<TagRow> {
  const row = (await lockedRow(db, workspaceId, name)) ?? (await rowForUsedTag(db, workspaceId, name))
  if (!row) throw new AppError('not_found', `No tag “${name}”.`)
  return row
}

/** Whether the name is taken, as a row or on a ticket, whatever its case. */
export async function tagExists(db: Db, workspaceId: string, name: string): Promise<boolean> {
  if (await lockedRow(db, workspaceId, name)) return true
  return (await spellingOnTickets(db, workspaceId, name)) !== null
}

async function lockedRow(db: Db, workspaceId: string, name: string): Promise<TagRow | undefined> {
  const [row] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), sql`lower(${tags.name}) = lower(${name})`))
    .for('update')
  return row
}

async function rowForUsedTag(db: Db, workspaceId: string, name: string): Promise<TagRow | undefined> {
  const spelling = await spellingOnTickets(db, workspaceId, name)
  if (spelling === null) return undefined
  await catalogueTags(db, workspaceId, [spelling])
  return lockedRow(db, workspaceId, name)
}

async function spellingOnTickets(db: Db, workspaceId: string, name: string): Promise<string | null> {
  const [found] = await rows<{ tag: string }>(
    db,
    sql`select tag from tickets, unnest(tags) as tag
        where workspace_id = ${workspaceId}::uuid and lower(tag) = lower(${name}) limit 1`,
  )
  return found?.tag ?? null
}
