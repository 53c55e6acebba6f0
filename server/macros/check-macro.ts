// The save-time checks of a macro: every tag it names is in the tag list, every team and agent exists, its
// saved reply is one the saving agent may see. The first that fails is a 400 naming it.
import { AppError } from '../../shared/errors.ts'
import type { MacroAction } from '../../shared/schema/macro.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { findVisibleSavedReply } from '../saved-replies/find-saved-reply.ts'
import { missingReference } from './macro-references.ts'

export async function checkMacro(
  db: Db,
  actor: Actor,
  macro: { savedReplyId?: string | null; actions?: readonly MacroAction[] },
): Promise<void> {
  for (const [index, action] of (macro.actions ?? []).entries()) {
    const missing = await missingReference(db, actor.workspaceId, action)
    if (!missing) continue
    const tagged = action.type === 'add_tag' || action.type === 'remove_tag'
    throw new AppError(tagged ? 'unknown_tag' : 'unknown_reference', missing, [{ path: `actions.${index}`, message: missing }])
  }
  if (macro.savedReplyId) {
    try {
      await findVisibleSavedReply(db, actor, macro.savedReplyId)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error
      const message = `No saved reply ${macro.savedReplyId}.`
      throw new AppError('unknown_reference', message, [{ path: 'savedReplyId', message }])
    }
  }
}
