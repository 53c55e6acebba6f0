// DELETE /api/tags/:name: the tag leaves the list and every ticket that carries it, in one transaction,
// audited. Rules that name it are left as written (an admin decides what they should do instead).
import { eq } from 'drizzle-orm'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { tags } from '../db/schema/tickets.ts'
import { findTag } from './find-tag.ts'
import { retagTickets } from './retag-tickets.ts'
import { tagAudit } from './tag-audit.ts'

/** Resolves with the number of tickets the tag was taken off. */
export async function deleteTag(db: Db, actor: Actor, name: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const tag = await findTag(tx, actor.workspaceId, name)
    const ticketsChanged = await retagTickets(tx, actor, { from: tag.name, to: null, action: 'tag.deleted' }, now)
    await tx.delete(tags).where(eq(tags.id, tag.id))
    await recordAudit(
      tx,
      [
        tagAudit(actor, 'tag.deleted', tag.id, {
          name: tag.name,
          color: tag.color,
          description: tag.description,
          ticketsChanged,
        }),
      ],
      now,
    )
    return ticketsChanged
  })
}
