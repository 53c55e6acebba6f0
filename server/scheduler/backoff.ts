// How long to wait before trying again what failed (an outbound send, an inbound event's ingest).

/** 2 s, 4 s, 8 s … capped at 5 minutes, with jitter so retries of many rows spread out. */
export function backoffMs(attempt: number, random = Math.random): number {
  return Math.min(300_000, 1_000 * 2 ** attempt) * (0.75 + random() / 2)
}
