// Tests only, mounted when TEST_CLOCK=1 (which the configuration refuses with NODE_ENV=production):
// an admin moves the server's clock and runs the scheduler once, so SLA breaches and time-based rules
// are tested in milliseconds, without sleeping.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../auth/actor.ts'
import type { SettableClock } from '../../clock/clock.ts'
import { isStorableTime } from '../../db/timestamp.ts'
import type { Scheduler } from '../../scheduler/scheduler.ts'
import { requireRole } from '../authenticate.ts'
import { readJson } from '../read-input.ts'

const setClockSchema = z
  .object({ now: z.iso.datetime().refine((now) => isStorableTime(Date.parse(now)), 'A time from the year 1 to 9999') })
  .strict()

export function testClockRoutes(clock: SettableClock, scheduler: Scheduler): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.post('/', async (c) => {
    requireRole(c.get('actor'), 'admin')
    const { now } = await readJson(c, setClockSchema)
    clock.set(new Date(now))
    await scheduler.tick()
    return c.json({ now: clock.now().toISOString() })
  })
  return app
}
