// Choosing an agent for a ticket (pure, on a snapshot of the workspace's agents taken once per run):
// only online agents under their capacity, of the team and with the skill asked for. Least loaded takes
// the one with the fewest open tickets; round robin takes the next after the one chosen last.

export interface AgentLoad {
  id: string
  name: string
  role: string
  availability: string
  skills: string[]
  capacity: number
  teamIds: string[]
  openTickets: number
}

export interface PickRequest {
  teamId?: string | undefined
  skill?: string | undefined
}

function eligible(agents: readonly AgentLoad[], want: PickRequest): AgentLoad[] {
  return agents.filter(
    (a) =>
      a.availability === 'online' &&
      a.openTickets < a.capacity &&
      (!want.teamId || a.teamIds.includes(want.teamId)) &&
      (!want.skill || a.skills.includes(want.skill)),
  )
}

export function pickLeastLoaded(agents: readonly AgentLoad[], want: PickRequest): AgentLoad | null {
  const candidates = eligible(agents, want)
  candidates.sort(
    (a, b) => a.openTickets / Math.max(1, a.capacity) - b.openTickets / Math.max(1, b.capacity) || a.id.localeCompare(b.id),
  )
  return candidates[0] ?? null
}

/** `last` is the agent this rule chose last time (null at first). */
export function pickRoundRobin(agents: readonly AgentLoad[], want: PickRequest, last: string | null): AgentLoad | null {
  const candidates = eligible(agents, want).sort((a, b) => a.id.localeCompare(b.id))
  return candidates.find((a) => last === null || a.id > last) ?? candidates[0] ?? null
}
