// GET /api/macros: the workspace's macros by name, for every agent (the composer's and bulk bar's menu).
import { asc, eq } from 'drizzle-orm'
import type { Macro } from '../../shared/schema/macro.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { macros } from '../db/schema/macros.ts'
import { toMacro } from './macro-view.ts'

export async function listMacros(db: Db, actor: Actor): Promise<Macro[]> {
  const rows = await db
    .select()
    .from(macros)
    .where(eq(macros.workspaceId, actor.workspaceId))
    .orderBy(asc(macros.name), asc(macros.id))
  return rows.map((row) => toMacro(row))
}
