// The two databases the bench measures and what each is held to: sizes, rates and aims per database.

export type TargetKind = 'pglite' | 'postgres'

export interface BenchTarget {
  kind: TargetKind
  /** Seeded corpus for the query rows. */
  tickets: number
  messages: number
  /** Open-loop ingest rate and its p99 aim. */
  openLoopRate: number
  openLoopP99AimMs: number
}

export const targets: Record<TargetKind, BenchTarget> = {
  pglite: { kind: 'pglite', tickets: 25_000, messages: 250_000, openLoopRate: 300, openLoopP99AimMs: 15 },
  postgres: { kind: 'postgres', tickets: 100_000, messages: 1_000_000, openLoopRate: 500, openLoopP99AimMs: 10 },
}

/** Proposed aims for the read side (the brief sets none): an inbox page and a search feel instant. */
export const listP95AimMs = 50
export const searchP95AimMs = 100
