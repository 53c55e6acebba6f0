// PATCH /api/tags/:name: rename, recolour, describe. A rename rewrites the name on every ticket and rule
// that carries it, in the same transaction; a rename onto another tag's name is refused (merge instead).
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { TagChangeResult, UpdateTag } from '../../shared/schema/tag.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { tags } from '../db/schema/tickets.ts'
import { findTag, tagExists } from './find-tag.ts'
import { readTag } from './list-tags.ts'
import { retagMacros } from './retag-macros.ts'
import { retagRules } from './retag-rules.ts'
import { retagTickets } from './retag-tickets.ts'
import { tagAudit } from './tag-audit.ts'

export async function updateTag(db: Db, actor: Actor, name: string, patch: UpdateTag, now: Date): Promise<TagChangeResult> {
  const done = await db.transaction(async (tx) => {
    const before = await findTag(tx, actor.workspaceId, name)
    const counts = { ticketsChanged: 0, rulesChanged: 0 }
    const renamed = patch.name !== undefined && patch.name !== before.name
    if (renamed) {
      const newName = patch.name!
      // Another tag of that name (a change of case only is this tag's own name).
      if (newName.toLowerCase() !== before.name.toLowerCase() && (await tagExists(tx, actor.workspaceId, newName))) {
        throw new AppError(
          'merge_instead',
          `A tag “${newName}” exists already: merge “${before.name}” into it instead (POST /api/tags/${encodeURIComponent(before.name)}/merge).`,
          { into: newName },
        )
      }
      counts.ticketsChanged = await retagTickets(tx, actor, { from: before.name, to: newName, action: 'tag.renamed' }, now)
      counts.rulesChanged = await retagRules(tx, actor, before.name, newName, now)
      await retagMacros(tx, actor, before.name, newName, now)
    }
    const [after] = await tx
      .update(tags)
      .set({
        ...(renamed ? { name: patch.name } : {}),
        ...(patch.color !== undefined ? { color: patch.color } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
      })
      .where(eq(tags.id, before.id))
      .returning()
    const changes = Object.fromEntries(
      (['name', 'color', 'description'] as const)
        .filter((field) => before[field] !== after![field])
        .map((field) => [field, { from: before[field], to: after![field] }]),
    )
    if (Object.keys(changes).length) {
      const action = renamed ? 'tag.renamed' : 'tag.updated'
      await recordAudit(tx, [tagAudit(actor, action, before.id, { ...changes, ...counts })], now)
    }
    return { name: after!.name, counts }
  })
  return { tag: (await readTag(db, actor, done.name))!, ...done.counts }
}
