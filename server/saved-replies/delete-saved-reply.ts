// DELETE /api/saved-replies/:id: by whoever may write the reply where it is.
import { eq } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'
import { findVisibleSavedReply } from './find-saved-reply.ts'
import { requireWriteAccess } from './saved-reply-access.ts'

export async function deleteSavedReply(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findVisibleSavedReply(tx, actor, id, true)
    await requireWriteAccess(tx, actor, before)
    await tx.delete(savedReplies).where(eq(savedReplies.id, id))
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'saved_reply.deleted',
          entityType: 'saved_reply',
          entityId: id,
          data: { title: before.title, shortcut: before.shortcut, scope: before.scope },
        },
      ],
      now,
    )
  })
}
