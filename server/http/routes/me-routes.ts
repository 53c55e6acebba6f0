// The signed-in agent's own things: their signatures and their read marks.
import { Hono } from 'hono'
import { setSignatureSchema } from '../../../shared/schema/signature.ts'
import { setTicketReadSchema } from '../../../shared/schema/ticket-read.ts'
import type { AppEnv } from '../../auth/actor.ts'
import { listReads, setRead } from '../../reads/ticket-reads.ts'
import { listSignatures, setSignature } from '../../signatures/agent-signatures.ts'
import type { AppDeps } from '../app-deps.ts'
import { readJson } from '../read-input.ts'

export function meRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps.database
  const app = new Hono<AppEnv>()

  app.get('/signatures', async (c) => c.json({ items: await listSignatures(db, c.get('actor')) }))
  app.put('/signatures/:channelId', async (c) => {
    const { body } = await readJson(c, setSignatureSchema)
    const signature = await setSignature(db, c.get('actor'), c.req.param('channelId'), body, deps.clock.now())
    return c.json({ signature })
  })

  app.get('/reads', async (c) => c.json({ items: await listReads(db, c.get('actor')) }))
  app.put('/reads/:ticketId', async (c) => {
    const { read } = await readJson(c, setTicketReadSchema)
    const actor = c.get('actor')
    const mark = await setRead(db, actor, c.req.param('ticketId'), read, deps.clock.now())
    // The agent's other browsers hear of it on their sync stream and read the marks again.
    deps.afterCommit.readsChanged(actor.agentId)
    return c.json({ read: mark })
  })

  return app
}
