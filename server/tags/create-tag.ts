// POST /api/tags: a tag made ahead of use, with its colour and description (admins and supervisors; a
// tag an agent types on a ticket joins the list by itself, tag-catalogue.ts).
import { AppError } from '../../shared/errors.ts'
import { type CreateTag, defaultTagColor, type Tag } from '../../shared/schema/tag.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { tags } from '../db/schema/tickets.ts'
import { tagExists } from './find-tag.ts'
import { readTag } from './list-tags.ts'
import { tagAudit } from './tag-audit.ts'

export async function createTag(db: Db, actor: Actor, input: CreateTag, now: Date): Promise<Tag> {
  await db.transaction(async (tx) => {
    if (await tagExists(tx, actor.workspaceId, input.name)) {
      throw new AppError('tag_exists', `A tag “${input.name}” exists already (names are the same whatever their case).`)
    }
    const [row] = await tx
      .insert(tags)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        color: input.color ?? defaultTagColor,
        description: input.description ?? '',
      })
      .onConflictDoNothing()
      .returning()
    // Made by someone else in the meantime.
    if (!row) throw new AppError('tag_exists', `A tag “${input.name}” exists already.`)
    await recordAudit(tx, [tagAudit(actor, 'tag.created', row.id, { name: row.name, color: row.color })], now)
  })
  return (await readTag(db, actor, input.name))!
}
