// The server's notion of now. Production reads the system clock; a test server (TEST_CLOCK=1, refused
// when NODE_ENV=production) can move it forward, so SLA breaches and time-based rules are tested
// without sleeping. Time keeps running from wherever it was set.

export interface Clock {
  now(): Date
}

export interface SettableClock extends Clock {
  set(at: Date): void
}

export const systemClock: Clock = { now: () => new Date() }

export function createSettableClock(): SettableClock {
  let offsetMs = 0
  return {
    now: () => new Date(Date.now() + offsetMs),
    set(at) {
      offsetMs = at.getTime() - Date.now()
    },
  }
}
