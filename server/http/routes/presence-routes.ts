// Presence: who is on which ticket, viewing or typing. Supervisors and admins see every ticket's; an agent
// sees it on the tickets they may see (the inbox rows show who is there). GET /api/presence answers once;
// GET /api/presence/stream is Server-Sent Events, an event `presence` with the same JSON at once and
// after every change (at most ten a second), and a comment every 15 s so idle proxies keep it open.
import { and, inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Presence } from '../../../shared/schema/presence.ts'
import { visibleTickets } from '../../access/ticket-visibility.ts'
import type { Actor, AppEnv } from '../../auth/actor.ts'
import { tickets } from '../../db/schema/tickets.ts'
import type { AppDeps } from '../app-deps.ts'

const keepAliveMs = 15_000

export function presenceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  async function snapshot(actor: Actor): Promise<Presence> {
    const all = deps.collab.presence.list(actor.workspaceId)
    if (actor.role !== 'agent' || all.length === 0) return { tickets: all }
    const seen = await deps.database.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          inArray(
            tickets.id,
            all.map((t) => t.ticketId),
          ),
          visibleTickets(actor),
        ),
      )
    const visible = new Set(seen.map((t) => t.id))
    return { tickets: all.filter((t) => visible.has(t.ticketId)) }
  }

  app.get('/', async (c) => c.json(await snapshot(c.get('actor'))))
  app.get('/stream', (c) => {
    const actor = c.get('actor')
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
            await stream.writeSSE({ event: 'presence', data: JSON.stringify(await snapshot(actor)) })
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
