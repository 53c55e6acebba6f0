// Agents' availability (online, away, offline), set by the agent: who may be given tickets, and whether
// anyone is there to answer (else a channel's away message goes out).
import { and, eq, sql } from 'drizzle-orm'
import type { Availability } from '../../shared/schema/agent.ts'
import { recordAudit } from '../audit/audit-entry.ts'
import type { Actor } from '../auth/actor.ts'
import type { Db } from '../db/create-db.ts'
import { agents } from '../db/schema/agents.ts'

/** Sets the actor's availability; true when it changed. */
export async function setAvailability(db: Db, actor: Actor, status: Availability, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ availability: agents.availability })
      .from(agents)
      .where(eq(agents.id, actor.agentId))
      .for('update')
    if (before?.availability === status) return false
    await tx.update(agents).set({ availability: status }).where(eq(agents.id, actor.agentId))
    await recordAudit(
      tx,
      [
        {
          workspaceId: actor.workspaceId,
          actorType: 'agent',
          actorId: actor.agentId,
          action: 'agent.availability_changed',
          entityType: 'agent',
          entityId: actor.agentId,
          data: { from: before?.availability ?? null, to: status },
        },
      ],
      now,
    )
    return true
  })
}

/** Whether any agent of the workspace is online. */
export async function anyAgentOnline(db: Db, workspaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.availability, 'online')))
  return (row?.n ?? 0) > 0
}
