// When an agent last used the app or the API; the time is written at most once a minute per agent, so
// busy sessions cost no writes. Who may answer is their explicit availability (availability.ts).
import { eq } from 'drizzle-orm'
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
