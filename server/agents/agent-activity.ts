// Who is around: an agent is seen whenever they use the app or the API; the time is written at most
// once a minute per agent, so busy sessions cost no writes. Until agents set their availability
// (online, away, offline), "available" means seen within AWAY_AFTER_MINUTES (15 by default).
import { and, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '../db/create-db.ts'
import { agents } from '../db/schema/agents.ts'

const writeEveryMs = 60_000

export interface AgentActivity {
  seen(agentId: string): void
}

export function createAgentActivity(db: Db, onError: (error: unknown) => void): AgentActivity {
  const lastWritten = new Map<string, number>()
  return {
    seen(agentId) {
      const now = Date.now()
      if (now - (lastWritten.get(agentId) ?? 0) < writeEveryMs) return
      lastWritten.set(agentId, now)
      void db
        .update(agents)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(agents.id, agentId))
        .catch(onError)
    },
  }
}

/** Whether any agent of the workspace is around to answer. */
export async function anyAgentAvailable(db: Db, workspaceId: string, now: Date, availableWithinMs: number): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), gt(agents.lastSeenAt, new Date(now.getTime() - availableWithinMs))))
  return (row?.n ?? 0) > 0
}
