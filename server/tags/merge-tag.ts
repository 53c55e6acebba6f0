// POST /api/tags/:name/merge {into}: every ticket and rule carrying the tag carries `into` instead (a
// ticket that had both keeps one), and the tag is gone; one transaction, audited.
import { eq } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import type { MergeTag, TagChangeResult } from '../../shared/schema/tag.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { tags } from '../db/schema/tickets.ts'
import { findTag } from './find-tag.ts'
import { readTag } from './list-tags.ts'
import { retagMacros } from './retag-macros.ts'
import { retagRules } from './retag-rules.ts'
import { retagTickets } from './retag-tickets.ts'
import { tagAudit } from './tag-audit.ts'

export async function mergeTag(db: Db, actor: Actor, name: string, input: MergeTag, now: Date): Promise<TagChangeResult> {
  const done = await db.transaction(async (tx) => {
    const source = await findTag(tx, actor.workspaceId, name)
    if (source.name.toLowerCase() === input.into.toLowerCase()) {
      throw new AppError('invalid_input', 'A tag is merged into another tag, not into itself.', [
        { path: 'into', message: 'The same tag' },
      ])
    }
    const into = await findTag(tx, actor.workspaceId, input.into).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') {
        throw new AppError('not_found', `No tag “${input.into}” to merge into: rename “${source.name}” instead.`)
      }
      throw error
    })
    const ticketsChanged = await retagTickets(tx, actor, { from: source.name, to: into.name, action: 'tag.merged' }, now)
    const rulesChanged = await retagRules(tx, actor, source.name, into.name, now)
    await retagMacros(tx, actor, source.name, into.name, now)
    await tx.delete(tags).where(eq(tags.id, source.id))
    await recordAudit(
      tx,
      [
        tagAudit(actor, 'tag.merged', source.id, {
          name: source.name,
          into: into.name,
          intoId: into.id,
          ticketsChanged,
          rulesChanged,
        }),
      ],
      now,
    )
    return { into: into.name, ticketsChanged, rulesChanged }
  })
  return { tag: (await readTag(db, actor, done.into))!, ticketsChanged: done.ticketsChanged, rulesChanged: done.rulesChanged }
}
