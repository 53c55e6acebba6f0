// One saved reply the actor may see, or 404: a reply of another agent, or of a team the actor is not in,
// is answered exactly as one that does not exist.
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { savedReplies } from '../db/schema/saved-replies.ts'
import { visibleSavedReplies } from './saved-reply-access.ts'
import type { SavedReplyRow } from './saved-reply-view.ts'

export async function findVisibleSavedReply(db: Db, actor: Actor, id: string, forUpdate = false): Promise<SavedReplyRow> {
  if (!uuidPattern.test(id)) throw new AppError('not_found', `No saved reply ${id}.`)
  const query = db
    .select()
    .from(savedReplies)
    .where(and(eq(savedReplies.id, id), visibleSavedReplies(actor)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw new AppError('not_found', `No saved reply ${id}.`)
  return row
}
