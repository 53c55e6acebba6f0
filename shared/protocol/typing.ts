// "Typing" in a ticket's shared document (its awareness state) lasts a few seconds after the last
// keystroke heard, on every client and on the server alike, whatever awareness messages were dropped,
// delayed or rate-limited on the way: each side times it from when it heard the keystroke, on its own clock.

/** How long after the last keystroke heard an agent still counts as typing. */
export const typingExpiresMs = 5_000

/** A typing agent refreshes their state at most this often (each refresh restarts the expiry everywhere). */
export const typingRefreshMs = 1_000

/** The typing part of an agent's awareness state: `typedAt` changes with every refresh. */
export interface TypingState {
  typing?: unknown
  typedAt?: unknown
}

/**
 * Keeps, per awareness client, when a fresh keystroke of theirs was heard here, and answers who still
 * types. `now` is this side's clock, never the sender's.
 */
export function createTypingClock() {
  const heard = new Map<number, { typedAt: unknown; at: number }>()
  return {
    /** Notes a client's current state; call it on every awareness change. */
    note(clientId: number, state: TypingState | null | undefined, now: number): void {
      if (state?.typing !== true) {
        heard.delete(clientId)
        return
      }
      const last = heard.get(clientId)
      if (!last || last.typedAt !== state.typedAt) heard.set(clientId, { typedAt: state.typedAt, at: now })
    },
    /** Until when the client counts as typing (0 when they do not). */
    typingUntil(clientId: number, now: number): number {
      const at = heard.get(clientId)?.at
      return at !== undefined && now - at < typingExpiresMs ? at + typingExpiresMs : 0
    },
    /** The soonest moment someone stops counting as typing (null when nobody types). */
    nextExpiry(now: number): number | null {
      let soonest: number | null = null
      for (const { at } of heard.values()) {
        const until = at + typingExpiresMs
        if (until > now && (soonest === null || until < soonest)) soonest = until
      }
      return soonest
    },
  }
}

export type TypingClock = ReturnType<typeof createTypingClock>
