// PATCH /api/macros/:id: the name, saved reply or actions, checked as when the macro was made.
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { Macro, UpdateMacro } from '../../shared/schema/macro.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { macros } from '../db/schema/macros.ts'
import { checkMacro } from './check-macro.ts'
import { findMacro } from './find-macro.ts'
import { macroAudit } from './macro-audit.ts'
import { toMacro } from './macro-view.ts'

export async function updateMacro(db: Db, actor: Actor, id: string, patch: UpdateMacro, now: Date): Promise<Macro> {
  return db.transaction(async (tx) => {
    const before = await findMacro(tx, actor.workspaceId, id, true)
    await checkMacro(tx, actor, patch)
    const next = {
      name: patch.name ?? before.name,
      savedReplyId: patch.savedReplyId === undefined ? before.savedReplyId : patch.savedReplyId,
      actions: patch.actions ?? before.actions,
    }
    if (!next.savedReplyId && next.actions.length === 0) {
      throw new AppError('invalid_input', 'A macro needs a saved reply or at least one action.')
    }
    const [row] = await tx
      .update(macros)
      .set({ ...next, updatedAt: now })
      .where(eq(macros.id, before.id))
      .returning()
    await recordAudit(
      tx,
      [
        macroAudit(actor, 'macro.updated', before.id, {
          from: { name: before.name, savedReplyId: before.savedReplyId, actions: before.actions },
          to: next,
        }),
      ],
      now,
    )
    return toMacro(row!)
  })
}
