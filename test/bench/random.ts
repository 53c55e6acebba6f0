// A seeded pseudo-random source (mulberry32), so the seeded corpus is the same on every run and its
// cache stays valid.

export interface Random {
  /** A float in [0, 1). */
  next(): number
  int(below: number): number
  pick<T>(items: readonly T[]): T
  /** Picks by weight: `weights[i]` is the share of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below) => Math.floor(next() * below),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items, weights) {
      const total = weights.reduce((a, b) => a + b, 0)
      let r = next() * total
      for (const [i, w] of weights.entries()) {
        r -= w
        if (r < 0) return items[i]!
      }
      return items.at(-1)!
    },
  }
}
