// Slows password guessing: after 10 failed sign-ins for one email within 15 minutes, refuse with 429.
const limit = 10
const windowMs = 15 * 60_000

export interface LoginThrottle {
  isBlocked(email: string): boolean
  recordFailure(email: string): void
  reset(email: string): void
}

export function createLoginThrottle(now: () => number = Date.now): LoginThrottle {
  const failures = new Map<string, number[]>()
  const recent = (email: string) => (failures.get(email) ?? []).filter((t) => now() - t < windowMs)
  return {
    isBlocked: (email) => recent(email).length >= limit,
    recordFailure(email) {
      const list = recent(email)
      list.push(now())
      failures.set(email, list)
      if (failures.size > 10_000) failures.delete(failures.keys().next().value as string)
    },
    reset: (email) => void failures.delete(email),
  }
}
