// Who is on which ticket, viewing or typing, across every server process: this process's rooms report
// their agents; other processes' reports arrive over the notification bus and are dropped when that
// process stops reporting. Listeners (the supervisors' live stream) hear of a workspace's change once
// per `coalesceMs`. Typing counts until its `typingUntil`, checked whenever it is read, so a report that
// typing stopped which never arrives changes nothing.
import type { PresentAgent } from '../../shared/schema/presence.ts'
import type { ReportedAgent } from './collab-room.ts'

export interface TicketPresence {
  ticketId: string
  agents: PresentAgent[]
}

export interface PresenceRegistry {
  set(processId: string, workspaceId: string, ticketId: string, agents: ReportedAgent[]): void
  /** A process is alive; one silent for `expireMs` is forgotten. */
  alive(processId: string): void
  forget(processId: string): void
  list(workspaceId: string): TicketPresence[]
  ticket(ticketId: string): PresentAgent[]
  subscribe(workspaceId: string, listener: () => void): () => void
  close(): void
}

interface Entry {
  workspaceId: string
  agents: ReportedAgent[]
}

export function createPresenceRegistry(options: {
  localProcessId: string
  expireMs: number
  coalesceMs: number
}): PresenceRegistry {
  const byProcess = new Map<string, Map<string, Entry>>()
  const lastHeard = new Map<string, number>()
  const listeners = new Map<string, Set<() => void>>()
  const pending = new Map<string, NodeJS.Timeout>()

  const changed = (workspaceId: string) => {
    if (pending.has(workspaceId) || !listeners.get(workspaceId)?.size) return
    pending.set(
      workspaceId,
      setTimeout(() => {
        pending.delete(workspaceId)
        for (const listener of listeners.get(workspaceId) ?? []) listener()
      }, options.coalesceMs),
    )
  }

  const forget = (processId: string) => {
    const entries = byProcess.get(processId)
    byProcess.delete(processId)
    lastHeard.delete(processId)
    for (const workspaceId of new Set([...(entries?.values() ?? [])].map((entry) => entry.workspaceId))) changed(workspaceId)
  }

  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [processId, at] of lastHeard) if (now - at > options.expireMs) forget(processId)
  }, options.expireMs / 3).unref()

  const merged = (entries: Entry[]): PresentAgent[] => {
    const now = Date.now()
    const agents = new Map<string, PresentAgent>()
    for (const entry of entries) {
      for (const { id, name, typing, typingUntil } of entry.agents) {
        // A report without an expiry (an older process) counts as it says.
        const typesNow = typing && (typingUntil === undefined || typingUntil > now)
        const seen = agents.get(id)
        if (seen) seen.typing ||= typesNow
        else agents.set(id, { id, name, typing: typesNow })
      }
    }
    return [...agents.values()]
  }

  return {
    set(processId, workspaceId, ticketId, agents) {
      if (processId !== options.localProcessId) lastHeard.set(processId, Date.now())
      const entries = byProcess.get(processId) ?? new Map<string, Entry>()
      byProcess.set(processId, entries)
      if (agents.length) entries.set(ticketId, { workspaceId, agents })
      else entries.delete(ticketId)
      changed(workspaceId)
    },
    alive(processId) {
      if (byProcess.has(processId)) lastHeard.set(processId, Date.now())
    },
    forget,
    list(workspaceId) {
      const byTicket = new Map<string, Entry[]>()
      for (const entries of byProcess.values()) {
        for (const [ticketId, entry] of entries) {
          if (entry.workspaceId !== workspaceId) continue
          byTicket.set(ticketId, [...(byTicket.get(ticketId) ?? []), entry])
        }
      }
      return [...byTicket].map(([ticketId, entries]) => ({ ticketId, agents: merged(entries) }))
    },
    ticket(ticketId) {
      return merged([...byProcess.values()].flatMap((entries) => entries.get(ticketId) ?? []))
    },
    subscribe(workspaceId, listener) {
      const set = listeners.get(workspaceId) ?? new Set<() => void>()
      listeners.set(workspaceId, set)
      set.add(listener)
      return () => set.delete(listener)
    },
    close() {
      clearInterval(sweep)
      for (const timer of pending.values()) clearTimeout(timer)
    },
  }
}
