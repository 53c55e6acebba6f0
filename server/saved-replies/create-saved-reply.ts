// POST /api/saved-replies: a new saved reply in the scope asked for, if the actor may write there.
import type { CreateSavedReply, SavedReply } from '../../shared/schema/saved-reply.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'
import { checkSavedReply, isShortcutConflict, shortcutTaken } from './check-saved-reply.ts'
import { type Placement, requireWriteAccess, scopeKeyOf } from './saved-reply-access.ts'
import { toSavedReply } from './saved-reply-view.ts'
import { savedReplySearch } from './search-text.ts'

export async function createSavedReply(db: Db, actor: Actor, input: CreateSavedReply, now: Date): Promise<SavedReply> {
  const placement: Placement = { scope: input.scope, teamId: input.teamId ?? null, ownerId: actor.agentId }
  const values = {
    title: input.title,
    shortcut: input.shortcut ?? null,
    body: input.body,
    language: input.language ?? null,
    folder: input.folder ?? null,
    ...placement,
    scopeKey: scopeKeyOf(placement),
  }
  try {
    return await db.transaction(async (tx) => {
      await requireWriteAccess(tx, actor, placement)
      await checkSavedReply(tx, actor, values)
      const [row] = await tx
        .insert(savedReplies)
        .values({
          id: newId(),
          workspaceId: actor.workspaceId,
          ...values,
          search: savedReplySearch(values),
          createdAt: now,
          updatedAt: now,
        })
        .returning()
      await recordAudit(
        tx,
        [
          {
            workspaceId: actor.workspaceId,
            actorType: 'agent',
            actorId: actor.agentId,
            action: 'saved_reply.created',
            entityType: 'saved_reply',
            entityId: row!.id,
            data: { title: values.title, shortcut: values.shortcut, scope: values.scope, teamId: values.teamId },
          },
        ],
        now,
      )
      return toSavedReply(row!)
    })
  } catch (error) {
    if (values.shortcut && isShortcutConflict(error)) throw shortcutTaken(values.shortcut, values.language)
    throw error
  }
}
