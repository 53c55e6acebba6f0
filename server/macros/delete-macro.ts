// DELETE /api/macros/:id: the macro goes; what it changed on tickets stays, audited as done through it.
import { eq } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { macros } from '../db/schema/macros.ts'
import { findMacro } from './find-macro.ts'
import { macroAudit } from './macro-audit.ts'

export async function deleteMacro(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findMacro(tx, actor.workspaceId, id, true)
    await tx.delete(macros).where(eq(macros.id, before.id))
    await recordAudit(tx, [macroAudit(actor, 'macro.deleted', before.id, { name: before.name, actions: before.actions })], now)
  })
}
