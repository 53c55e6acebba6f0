// Rules name tags (a `tag` condition, the add_tag and remove_tag actions): when a tag is renamed or merged
// into another, the rules that name it follow, in the caller's transaction, each change audited. A
// `contains` condition matches part of a name and is left as written.
import { eq } from 'drizzle-orm'
import type { Condition, RuleAction, RuleConditions } from '../../shared/schema/rule.ts'
import { type AuditEntry, recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { rules } from '../db/schema/routing.ts'

export async function retagRules(db: Db, actor: Actor, from: string, to: string, now: Date): Promise<number> {
  const found = await db.select().from(rules).where(eq(rules.workspaceId, actor.workspaceId)).for('update')
  const audit: AuditEntry[] = []
  for (const rule of found) {
    const renamed = renameTagInRule(rule, from, to)
    if (!renamed) continue
    await db.update(rules).set(renamed).where(eq(rules.id, rule.id))
    audit.push({
      workspaceId: actor.workspaceId,
      actorType: 'agent',
      actorId: actor.agentId,
      action: 'rule.updated',
      entityType: 'rule',
      entityId: rule.id,
      data: { ...renamed, because: { tagRenamed: { from, to } } },
    })
  }
  await recordAudit(db, audit, now)
  return audit.length
}

/** The rule's conditions and actions with the tag renamed, or null when it does not name the tag. */
export function renameTagInRule(
  rule: { conditions: RuleConditions; actions: RuleAction[] },
  from: string,
  to: string,
): { conditions: RuleConditions; actions: RuleAction[] } | null {
  const same = (value: unknown) => typeof value === 'string' && value.toLowerCase() === from.toLowerCase()
  let changed = false
  const condition = (c: Condition): Condition => {
    if (c.field !== 'tag' || c.op === 'contains') return c
    if (Array.isArray(c.value)) {
      if (!c.value.some(same)) return c
      changed = true
      return { ...c, value: [...new Set(c.value.map((v) => (same(v) ? to : v)))] }
    }
    if (!same(c.value)) return c
    changed = true
    return { ...c, value: to }
  }
  const conditions: RuleConditions = {
    ...(rule.conditions.all ? { all: rule.conditions.all.map(condition) } : {}),
    ...(rule.conditions.any ? { any: rule.conditions.any.map(condition) } : {}),
  }
  const actions = rule.actions.map((action): RuleAction => {
    if ((action.type !== 'add_tag' && action.type !== 'remove_tag') || !same(action.tag)) return action
    changed = true
    return { ...action, tag: to }
  })
  return changed ? { conditions, actions } : null
}
