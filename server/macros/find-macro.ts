// One macro of the actor's workspace, or 404.
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Db } from '../db/create-db.ts'
import { macros } from '../db/schema/macros.ts'
import type { MacroRow } from './macro-view.ts'

export async function findMacro(db: Db, workspaceId: string, id: string, forUpdate = false): Promise<MacroRow> {
  if (!uuidPattern.test(id)) throw new AppError('not_found', `No macro ${id}.`)
  const query = db
    .select()
    .from(macros)
    .where(and(eq(macros.id, id), eq(macros.workspaceId, workspaceId)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw new AppError('not_found', `No macro ${id}.`)
  return row
}
