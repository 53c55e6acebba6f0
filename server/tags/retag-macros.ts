// Macros name tags (add_tag, remove_tag): when a tag is renamed or merged into another, the macros that name
// it follow, in the caller's transaction, each change audited; a deleted tag is left as written and skipped
// with a notice when the macro runs.
import { eq } from 'drizzle-orm'
import type { MacroAction } from '../../shared/schema/macro.ts'
import { type AuditEntry, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { macros } from '../db/schema/macros.ts'

/** Resolves with the number of macros changed. */
export async function retagMacros(db: Db, actor: Actor, from: string, to: string, now: Date): Promise<number> {
  const found = await db.select().from(macros).where(eq(macros.workspaceId, actor.workspaceId)).for('update')
  const same = (tag: string) => tag.toLowerCase() === from.toLowerCase()
  const audit: AuditEntry[] = []
  for (const macro of found) {
    if (!macro.actions.some((a) => (a.type === 'add_tag' || a.type === 'remove_tag') && same(a.tag))) continue
    const actions = macro.actions.map(
      (a): MacroAction => ((a.type === 'add_tag' || a.type === 'remove_tag') && same(a.tag) ? { ...a, tag: to } : a),
    )
    await db.update(macros).set({ actions, updatedAt: now }).where(eq(macros.id, macro.id))
    audit.push({
      workspaceId: actor.workspaceId,
      actorType: 'agent',
      actorId: actor.agentId,
      action: 'macro.updated',
      entityType: 'macro',
      entityId: macro.id,
      data: { from: { actions: macro.actions }, to: { actions }, because: { tagRenamed: { from, to } } },
    })
  }
  await recordAudit(db, audit, now)
  return audit.length
}
