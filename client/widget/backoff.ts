// How long the widget waits before reconnecting: doubling from half a second up to half a minute, with
// jitter, so a server restart is not met by every visitor's widget in the same instant.

export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** attempt)
  return Math.round(ceiling * (0.5 + random() / 2))
}
