// Rules of a workspace, in creation order: created, changed and deleted by admins. Every
// team and agent a rule names must exist, so a rule cannot be saved that would assign to nobody.
import { and, asc, eq, inArray } from 'drizzle-orm'
import { AppError } from '../../shared/errors.ts'
import { uuidPattern } from '../../shared/schema/common.ts'
import { type CreateRule, createRuleSchema, type Rule, type RuleAction, type UpdateRule } from '../../shared/schema/rule.ts'
import { validate } from '../../shared/validate.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { newId } from '../db/new-id.ts'
import { agents, teams } from '../db/schema/agents.ts'
import { rules } from '../db/schema/routing.ts'

type RuleRow = typeof rules.$inferSelect

export function toRule(row: RuleRow): Rule {
  return {
    id: row.id,
    name: row.name,
    event: row.event,
    conditions: row.conditions,
    actions: row.actions,
    stop: row.stop,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function listRules(db: Db, workspaceId: string): Promise<Rule[]> {
  const found = await db.select().from(rules).where(eq(rules.workspaceId, workspaceId)).orderBy(asc(rules.position))
  return found.map(toRule)
}

export async function createRule(db: Db, actor: Actor, input: CreateRule, now: Date): Promise<Rule> {
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor.workspaceId, input.actions)
    const [row] = await tx
      .insert(rules)
      .values({ id: newId(), workspaceId: actor.workspaceId, ...input })
      .returning()
    await audit(tx, actor, 'rule.created', row!.id, { name: input.name }, now)
    return toRule(row!)
  })
}

export async function updateRule(db: Db, actor: Actor, ruleId: string, patch: UpdateRule, now: Date): Promise<Rule> {
  if (!uuidPattern.test(ruleId)) throw new AppError('not_found', `No rule ${ruleId}.`)
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(rules)
      .where(and(eq(rules.id, ruleId), eq(rules.workspaceId, actor.workspaceId)))
      .for('update')
    if (!before) throw new AppError('not_found', `No rule ${ruleId}.`)
    // The rule as it will be must hold together (an event and its conditions), as a new one must.
    const { id: _id, createdAt: _createdAt, ...current } = toRule(before)
    validate(createRuleSchema, { ...current, ...patch })
    if (patch.actions) await checkReferences(tx, actor.workspaceId, patch.actions)
    const [row] = await tx.update(rules).set(patch).where(eq(rules.id, ruleId)).returning()
    await audit(tx, actor, 'rule.updated', ruleId, { ...patch }, now)
    return toRule(row!)
  })
}

export async function deleteRule(db: Db, actor: Actor, ruleId: string, now: Date): Promise<void> {
  // An id that is not a UUID names no rule (and would be an error in SQL).
  if (!uuidPattern.test(ruleId)) throw new AppError('not_found', `No rule ${ruleId}.`)
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(rules)
      .where(and(eq(rules.id, ruleId), eq(rules.workspaceId, actor.workspaceId)))
      .returning({ id: rules.id, name: rules.name })
    if (!deleted.length) throw new AppError('not_found', `No rule ${ruleId}.`)
    await audit(tx, actor, 'rule.deleted', ruleId, { name: deleted[0]!.name }, now)
  })
}

async function checkReferences(db: Db, workspaceId: string, actions: readonly RuleAction[]): Promise<void> {
  const teamIds = new Set<string>()
  const agentIds = new Set<string>()
  for (const a of actions) {
    if ('teamId' in a && a.teamId) teamIds.add(a.teamId)
    if ('agentId' in a && a.agentId) agentIds.add(a.agentId)
  }
  const knownTeams = teamIds.size
    ? await db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, [...teamIds])))
    : []
  const knownAgents = agentIds.size
    ? await db
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.workspaceId, workspaceId), inArray(agents.id, [...agentIds])))
    : []
  const details = [
    ...[...teamIds].filter((id) => !knownTeams.some((t) => t.id === id)).map((id) => `No team ${id}.`),
    ...[...agentIds].filter((id) => !knownAgents.some((a) => a.id === id)).map((id) => `No agent ${id}.`),
  ]
  if (details.length) {
    throw new AppError(
      'invalid_input',
      `The rule names what does not exist: ${details.join(' ')}`,
      details.map((message) => ({ path: 'actions', message })),
    )
  }
}

async function audit(db: Db, actor: Actor, action: string, ruleId: string, data: Record<string, unknown>, now: Date) {
  await recordAudit(
    db,
    [
      {
        workspaceId: actor.workspaceId,
        actorType: 'agent',
        actorId: actor.agentId,
        action,
        entityType: 'rule',
        entityId: ruleId,
        data,
      },
    ],
    now,
  )
}
