// Macro rows as the API shows them (shared/schema/macro.ts).
import type { Macro } from '../../shared/schema/macro.ts'
import type { macros } from '../db/schema/macros.ts'

export type MacroRow = typeof macros.$inferSelect

export function toMacro(row: MacroRow): Macro {
  return {
    id: row.id,
    name: row.name,
    savedReplyId: row.savedReplyId,
    actions: row.actions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}
