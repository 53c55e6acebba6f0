// Presence for supervisors: who is on which ticket, viewing or typing. GET /api/presence answers once;
// GET /api/presence/stream is Server-Sent Events, an event `presence` with the same JSON at once and
// after every change (at most ten a second), and a comment every 15 s so idle proxies keep it open.
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Presence } from '../../../shared/schema/presence.ts'
import type { AppEnv } from '../../auth/actor.ts'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../authenticate.ts'

const keepAliveMs = 15_000

export function presenceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const snapshot = (workspaceId: string): Presence => ({ tickets: deps.collab.presence.list(workspaceId) })

  app.get('/', (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    return c.json(snapshot(actor.workspaceId))
  })
  app.get('/stream', (c) => {
    const actor = c.get('actor')
    requireRole(actor, 'admin', 'supervisor')
    return streamSSE(c, async (stream) => {
      let wake: () => void = () => {}
      let changed = true
      const unsubscribe = deps.collab.presence.subscribe(actor.workspaceId, () => {
        changed = true
        wake()
      })
      stream.onAbort(() => wake())
      try {
        while (!stream.aborted) {
          if (changed) {
            changed = false
            await stream.writeSSE({ event: 'presence', data: JSON.stringify(snapshot(actor.workspaceId)) })
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), keepAliveMs)
            wake = () => {
              clearTimeout(timer)
              resolve(true)
            }
          })
          if (!woken && !stream.aborted) await stream.write(': keep-alive\n\n')
        }
      } finally {
        unsubscribe()
      }
    })
  })
  return app
}
