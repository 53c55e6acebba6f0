// GET /api/sync?cursor= (one page of changed tickets for the browser's local database) and
// GET /api/sync/stream (Server-Sent Events: `tickets` carries each committed change the agent may see,
// `change` says when to pull: at once, and whenever the stream cannot carry a change itself; `reads` and
// `tags` say the agent's read marks or the workspace's tag list changed).
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { syncQuerySchema } from '../../../shared/schema/sync.ts'
import type { AppEnv } from '../../auth/actor.ts'
import type { PushEvent } from '../../sync/push-fanout.ts'
import { createStreamQueue } from '../../sync/stream-queue.ts'
import { syncPage } from '../../sync/sync-page.ts'
import type { AppDeps } from '../app-deps.ts'
import { findActor } from '../authenticate.ts'
import { readQuery } from '../read-input.ts'

/** Keeps proxies from closing an idle stream, lets the client notice a dead one, and re-checks the sign-in. */
const heartbeatMs = 20_000

export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  // An event pushed to many streams is framed and encoded once (its data is JSON: one line).
  const frames = new WeakMap<PushEvent, Uint8Array>()
  const frame = (event: PushEvent) => {
    let bytes = frames.get(event)
    if (!bytes) {
      bytes = new TextEncoder().encode(`event: ${event.event}\ndata: ${event.data}\n\n`)
      frames.set(event, bytes)
    }
    return bytes
  }

  app.get('/', async (c) =>
    c.json(await syncPage(deps.database.db, c.get('actor'), readQuery(c, syncQuerySchema), deps.clock.now())),
  )

  app.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      const queue = createStreamQueue()
      let ended = false
      const end = () => {
        ended = true
        queue.wake()
      }
      const reauthenticate = () => findActor(c, deps.database.db, deps.secretKey)
      // Not opened (the database does not answer): the stream closes, and the client's EventSource retries.
      const close = await deps.syncPush
        .open({ agentId: c.get('actor').agentId, workspaceId: c.get('actor').workspaceId, queue, reauthenticate, end })
        .catch((error: unknown) => deps.log.warn('could not open a sync stream', { error }))
      if (!close) return
      // Its first event, at once, is `change`: the client pulls whatever changed while it was away.
      stream.onAbort(end)
      try {
        while (!ended && !stream.aborted) {
          for (const event of queue.take()) await stream.write(frame(event))
          if (await queue.wait(heartbeatMs)) continue
          if (ended || stream.aborted) break
          // Signed out (or the session ran out) on any server process: the stream ends.
          if ((await reauthenticate().catch(() => undefined)) === null) break
          await stream.writeSSE({ event: 'heartbeat', data: '{}' })
        }
      } finally {
        close()
      }
    }),
  )
  return app
}
