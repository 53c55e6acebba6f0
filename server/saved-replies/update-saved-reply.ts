// PATCH /api/saved-replies/:id: a change the actor may make where the reply is now and where it goes.
// The reply as changed is checked as a new one would be (variables, team, shortcut).
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { SavedReply, UpdateSavedReply } from '../../shared/schema/saved-reply.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'
import { checkSavedReply, isShortcutConflict, shortcutTaken } from './check-saved-reply.ts'
import { findVisibleSavedReply } from './find-saved-reply.ts'
import { type Placement, requireWriteAccess, scopeKeyOf } from './saved-reply-access.ts'
import { toSavedReply } from './saved-reply-view.ts'
import { savedReplySearch } from './search-text.ts'

export async function updateSavedReply(
  db: Db,
  actor: Actor,
  id: string,
  patch: UpdateSavedReply,
  now: Date,
): Promise<SavedReply> {
  let shortcut: string | null = null
  let language: string | null = null
  try {
    return await db.transaction(async (tx) => {
      const before = await findVisibleSavedReply(tx, actor, id, true)
      await requireWriteAccess(tx, actor, before)
      const scope = patch.scope ?? before.scope
      // Moving a reply to another scope without naming a team keeps its team only where one belongs.
      const teamId = patch.teamId !== undefined ? patch.teamId : scope === 'team' ? before.teamId : null
      if (scope === 'team' && !teamId) throw invalid('teamId', 'A team reply names its team.')
      if (scope !== 'team' && teamId) throw invalid('teamId', `A ${scope} reply names no team.`)
      // A reply made personal becomes the personal reply of whoever moves it there.
      const ownerId = scope === 'personal' && before.scope !== 'personal' ? actor.agentId : before.ownerId
      const placement: Placement = { scope, teamId, ownerId }
      if (scope !== before.scope || teamId !== before.teamId) await requireWriteAccess(tx, actor, placement)
      const next = {
        title: patch.title ?? before.title,
        shortcut: patch.shortcut !== undefined ? patch.shortcut : before.shortcut,
        body: patch.body ?? before.body,
        language: patch.language !== undefined ? patch.language : before.language,
        folder: patch.folder !== undefined ? patch.folder : before.folder,
        ...placement,
        scopeKey: scopeKeyOf(placement),
      }
      shortcut = next.shortcut
      language = next.language
      await checkSavedReply(tx, actor, next, id)
      const [row] = await tx
        .update(savedReplies)
        .set({ ...next, search: savedReplySearch(next), updatedAt: now })
        .where(eq(savedReplies.id, id))
        .returning()
      await recordAudit(
        tx,
        [
          {
            workspaceId: actor.workspaceId,
            actorType: 'agent',
            actorId: actor.agentId,
            action: 'saved_reply.updated',
            entityType: 'saved_reply',
            entityId: id,
            data: { ...patch },
          },
        ],
        now,
      )
      return toSavedReply(row!)
    })
  } catch (error) {
    if (shortcut && isShortcutConflict(error)) throw shortcutTaken(shortcut, language)
    throw error
  }
}

function invalid(path: string, message: string): AppError {
  return new AppError('invalid_input', message, [{ path, message }])
}
