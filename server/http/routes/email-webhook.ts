// POST /webhooks/email/:channelId: a raw RFC 822 message, for providers that forward inbound mail over
// HTTP instead of SMTP. Authenticated by the channel's own inboundSecret as a bearer token (403 when
// the channel has none, 401 when it differs). Read exactly as the SMTP listener reads mail; answered
// 202 once stored.
import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { findChannel } from '../../channels/channel-directory.ts'
import type { AppDeps } from '../app-deps.ts'
import { limitBody } from '../limit-body.ts'

export function emailWebhook(deps: AppDeps): Hono {
  const app = new Hono()

  app.post('/:channelId', limitBody(deps.config.SMTP_MAX_BYTES), async (c) => {
    const channel = await findChannel(deps.database.db, c.req.param('channelId'))
    if (channel.kind !== 'email') throw new AppError('not_found', `No email channel ${channel.id}.`)
    const secrets = channel.secrets ? (JSON.parse(deps.box.open(channel.secrets)) as Record<string, unknown>) : {}
    const secret = typeof secrets.inboundSecret === 'string' ? secrets.inboundSecret : null
    if (!secret) throw new AppError('forbidden', 'Set the channel’s inboundSecret to receive mail over HTTP.')
    if (!bearerMatches(c.req.header('authorization'), secret)) {
      deps.log.warn('email webhook refused: bad or missing secret', { channelId: channel.id })
      throw new AppError('invalid_signature', 'Authorization: Bearer <inboundSecret> is missing or wrong.')
    }
    const raw = Buffer.from(await c.req.arrayBuffer())
    if (!raw.length) throw new AppError('invalid_input', 'The body is empty: post the raw RFC 822 message.')
    const address = String(channel.config.address ?? '')
    // The MIME parser is loaded with the first mail, not at start-up.
    const { readEmail } = await import('../../channels/email/read-email.ts')
    const outcome = await readEmail(raw, [{ id: channel.id, workspaceId: channel.workspaceId, address }], null, deps.clock.now())
    if ('refusal' in outcome) throw new AppError('invalid_input', outcome.refusal.message, { reason: outcome.refusal.reason })
    await Promise.all(outcome.events.map((event) => deps.ingest.submit(event)))
    return c.json({ ok: true }, 202)
  })
  return app
}

/** `Bearer <secret>`, compared in constant time. */
function bearerMatches(header: string | undefined, secret: string): boolean {
  const given = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1]
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}
