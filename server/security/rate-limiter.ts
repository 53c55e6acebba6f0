// A per-socket sliding-window limit (chat visitors' messages, agents' awareness updates): within any
// `perMs`, up to `limit` attempts pass, the next ones are refused, and past `closeAfter` attempts the
// sender is flooding and is cut off. Refused attempts count too, so a client that keeps sending while
// told to stop reaches the cut-off. Pure apart from the clock.
// (A library such as rate-limiter-flexible would bring stores and keys this one-socket case never needs.)

export type RateDecision = 'allow' | 'refuse' | 'close'

export interface RateLimit {
  messages: number
  perMs: number
}

export interface RateLimiter {
  take(now?: number): RateDecision
}

/** `closeAfter` defaults to three times the limit. */
export function createRateLimiter(limit: RateLimit, closeAfter = limit.messages * 3): RateLimiter {
  const times: number[] = []
  return {
    take(now = Date.now()) {
      while (times.length > 0 && now - times[0]! >= limit.perMs) times.shift()
      times.push(now)
      // Never grows past what the decision needs.
      if (times.length > closeAfter + 1) times.shift()
      if (times.length <= limit.messages) return 'allow'
      return times.length <= closeAfter ? 'refuse' : 'close'
    },
  }
}
