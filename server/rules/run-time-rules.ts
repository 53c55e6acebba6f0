// Time-based rules ("pending for 48 hours", "no agent reply for 2 hours") for the stretch (from, to]
// the scheduler has not looked at: a rule with `minutesSinceCustomerMessage gt N` or `minutesSinceUpdate
// gt N` reads only the tickets whose customer message (or last update) crossed N minutes in that
// stretch, through partial indexes; each fires once per ticket and moment it counts from (rule_firings).
// The rule's other conditions are checked at that crossing: a ticket they do not fit then is not looked
// at again until the moment it counts from moves (a new customer message, an update).
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { rows } from '../db/rows.ts'
import { rules } from '../db/schema/routing.ts'
import type { RuleEngine } from './rule-engine.ts'

export async function runTimeRules(db: Db, engine: RuleEngine, from: Date, to: Date): Promise<number> {
  const timed = await db
    .select()
    .from(rules)
    .where(and(eq(rules.event, 'time_elapsed'), eq(rules.enabled, true)))
  let fired = 0
  for (const rule of timed) {
    const thresholds = [...(rule.conditions.all ?? []), ...(rule.conditions.any ?? [])].filter(
      (c) => c.op === 'gt' && (c.field === 'minutesSinceCustomerMessage' || c.field === 'minutesSinceUpdate'),
    )
    const ticketIds = new Set<string>()
    for (const c of thresholds) {
      const column = c.field === 'minutesSinceCustomerMessage' ? sql.raw('last_customer_message_at') : sql.raw('updated_at')
      const ms = Number(c.value) * 60_000
      const crossed = await rows<{ ticket_id: string }>(
        db,
        sql`insert into rule_firings (rule_id, ticket_id, since, at)
            select ${rule.id}::uuid, id, ${column}, ${to.toISOString()}::timestamptz from tickets
            where workspace_id = ${rule.workspaceId} and status in ('open', 'pending')
              and ${column} > ${new Date(from.getTime() - ms).toISOString()}::timestamptz
              and ${column} <= ${new Date(to.getTime() - ms).toISOString()}::timestamptz
            on conflict do nothing returning ticket_id`,
      )
      for (const r of crossed) ticketIds.add(r.ticket_id)
    }
    if (!ticketIds.size) continue
    await engine.run(rule.workspaceId, 'time_elapsed', [...ticketIds], rule.id)
    fired += ticketIds.size
  }
  return fired
}
