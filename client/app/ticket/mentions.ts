// @mentions in an internal note: which colleagues it names (by full or first name, any case), and
// telling them (POST /api/tickets/:id/mentions), which notifies each one.
import { z } from 'zod'
import type { Agent } from '../../../shared/schema/agent.ts'
import { api } from '../net/http.ts'

export function mentionedAgents(text: string, agents: Agent[], meId: string): Agent[] {
  const lower = text.toLowerCase()
  return agents.filter((agent) => {
    if (agent.id === meId) return false
    const names = [agent.name, agent.name.split(/\s+/)[0] ?? ''].filter(Boolean).map((n) => `@${n.toLowerCase()}`)
    return names.some((name) => {
      const at = lower.indexOf(name)
      // The name must end there: "@bea" is not "@beatrice".
      return at >= 0 && !/[\p{L}\p{N}]/u.test(lower[at + name.length] ?? '')
    })
  })
}

export async function tellMentioned(ticketId: string, body: string, agents: Agent[]): Promise<void> {
  if (!agents.length) return
  await api(z.object({ notified: z.array(z.string()) }), 'POST', `/api/tickets/${ticketId}/mentions`, {
    agentIds: agents.map((a) => a.id),
    body,
  })
}
