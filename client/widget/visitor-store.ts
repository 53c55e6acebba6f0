// What the widget remembers between visits, per channel, in the host page's localStorage: the visitor
// token (the only key to the conversation), the name and email the visitor left, and what they read. Storage can be
// missing or refused (private windows, sandboxed frames): the widget then forgets at every page load.

export interface VisitorProfile {
  token: string | null
  name: string | null
  email: string | null
  /** When the last answer the visitor saw was sent, for the unread badge on the next visit. */
  readUpTo: string | null
}

export interface VisitorStore {
  load(): VisitorProfile
  save(patch: Partial<VisitorProfile>): void
}

export function createVisitorStore(channelId: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): VisitorStore {
  const key = `helpdesk-chat:${channelId}`
  let memory: VisitorProfile = { token: null, name: null, email: null, readUpTo: null }
  const load = (): VisitorProfile => {
    try {
      const saved = JSON.parse(storage?.getItem(key) ?? 'null') as Partial<VisitorProfile> | null
      if (saved) memory = { ...memory, ...pickStrings(saved) }
    } catch {
      // Unreadable or refused: what this page load knows stands.
    }
    return memory
  }
  return {
    load,
    save(patch) {
      memory = { ...load(), ...patch }
      try {
        storage?.setItem(key, JSON.stringify(memory))
      } catch {
        // Refused (quota, privacy mode): kept in memory for this page load.
      }
    },
  }
}

function pickStrings(saved: Partial<VisitorProfile>): Partial<VisitorProfile> {
  const out: Partial<VisitorProfile> = {}
  for (const field of ['token', 'name', 'email', 'readUpTo'] as const) {
    if (typeof saved[field] === 'string') out[field] = saved[field]
  }
  return out
}
