// GET /api/sync?cursor= (one page of changed tickets for the browser's local database) and
// GET /api/sync/stream (Server-Sent Events: a `change` event whenever tickets changed; the client pulls).
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { syncQuerySchema } from '../../../shared/schema/sync.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { createChangeWatch } from '../../sync/change-watch.ts'
import { syncPage } from '../../sync/sync-page.ts'
import type { AppDeps } from '../app-deps.ts'
import { readQuery } from '../read-input.ts'

/** Keeps proxies from closing an idle stream, and lets the client notice a dead one. */
const heartbeatMs = 20_000

export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const watch = createChangeWatch(deps.database.db, deps.log)

  app.get('/', async (c) =>
    c.json(await syncPage(deps.database.db, c.get('actor'), readQuery(c, syncQuerySchema), deps.clock.now())),
  )

  app.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      let wake: () => void = () => {}
      let changed = true
      const stop = watch.listen(() => {
        changed = true
        wake()
      })
      stream.onAbort(() => {
        stop()
        wake()
      })
      // The first event at once: the client pulls whatever changed while it was away.
      while (!stream.aborted) {
        if (changed) {
          changed = false
          await stream.writeSSE({ event: 'change', data: JSON.stringify({ at: deps.clock.now().toISOString() }) })
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, heartbeatMs)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        if (!changed && !stream.aborted) await stream.writeSSE({ event: 'heartbeat', data: '{}' })
      }
      stop()
    }),
  )
  return app
}
