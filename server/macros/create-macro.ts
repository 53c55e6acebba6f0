// POST /api/macros: a workspace macro, once what it names is checked (server/macros/check-macro.ts).
import type { CreateMacro, Macro } from '../../shared/schema/macro.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { macros } from '../db/schema/macros.ts'
import { checkMacro } from './check-macro.ts'
import { macroAudit } from './macro-audit.ts'
import { toMacro } from './macro-view.ts'

export async function createMacro(db: Db, actor: Actor, input: CreateMacro, now: Date): Promise<Macro> {
  return db.transaction(async (tx) => {
    await checkMacro(tx, actor, input)
    const [row] = await tx
      .insert(macros)
      .values({
        id: newId(),
        workspaceId: actor.workspaceId,
        name: input.name,
        savedReplyId: input.savedReplyId ?? null,
        actions: input.actions,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    await recordAudit(tx, [macroAudit(actor, 'macro.created', row!.id, { name: row!.name, actions: row!.actions })], now)
    return toMacro(row!)
  })
}
