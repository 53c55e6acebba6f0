// The time-based work: SLA warnings and breaches, reply-window alerts and time-based rules, every
// `everyMs` on the server's clock. Each tick looks at the stretch of time since the previous one (at
// start-up, the last day), so nothing is missed and nothing is read twice. Ticks never overlap; a test
// server moves its clock and asks for a tick (server/http/routes/test-clock-routes.ts).
import type { Clock } from '../clock/clock.ts'
import type { Logger } from '../log.ts'

export interface Scheduler {
  /** Runs one tick now (after the one running, if any). */
  tick(): Promise<void>
  start(): void
  stop(): Promise<void>
}

const catchUpMs = 24 * 3_600_000
const pieceMs = 3_600_000

export function createScheduler(deps: {
  clock: Clock
  everyMs: number
  log: Logger
  work: (from: Date, to: Date) => Promise<void>
}): Scheduler {
  let lookedUntil = new Date(deps.clock.now().getTime() - catchUpMs)
  let running: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | null = null

  function tick(): Promise<void> {
    running = running.then(async () => {
      const now = deps.clock.now()
      // A long stretch (the catch-up after a start) is looked at an hour at a time, so other work on
      // the database (PGlite has one connection) gets its turn between the pieces.
      while (lookedUntil < now) {
        const to = new Date(Math.min(now.getTime(), lookedUntil.getTime() + pieceMs))
        try {
          await deps.work(lookedUntil, to)
          lookedUntil = to
        } catch (error) {
          deps.log.error('scheduled work failed; the same stretch is looked at again next time', { error })
          return
        }
      }
    })
    return running
  }

  return {
    tick,
    start() {
      timer = setInterval(() => void tick(), deps.everyMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      await running
    },
  }
}
