// Whether a workspace's ticket_created rules may give a new ticket to an agent. Then a new live chat is
// announced by the rules' run, to whoever it gives the chat to; otherwise by the ingest, to everyone online.
import { and, eq } from 'drizzle-orm'
import type { RuleAction } from '../../shared/schema/rule.ts'
import type { Db } from '../db/create-db.ts'
import { rules } from '../db/schema/routing.ts'

const agentAssigning = new Set<RuleAction['type']>(['assign_agent', 'assign_least_loaded', 'assign_round_robin'])

export function assignsAnAgent(rule: { event: string; enabled: boolean; actions: readonly RuleAction[] }): boolean {
  return rule.event === 'ticket_created' && rule.enabled && rule.actions.some((a) => agentAssigning.has(a.type))
}

/** Read in the caller's transaction (the ingest's): the rule engine's cache is not to be waited on there. */
export async function routesNewTickets(db: Db, workspaceId: string): Promise<boolean> {
  const found = await db
    .select({ event: rules.event, enabled: rules.enabled, actions: rules.actions })
    .from(rules)
    .where(and(eq(rules.workspaceId, workspaceId), eq(rules.event, 'ticket_created'), eq(rules.enabled, true)))
  return found.some(assignsAnAgent)
}
