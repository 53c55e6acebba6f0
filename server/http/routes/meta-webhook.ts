// GET/POST /webhooks/meta: Messenger, Instagram and WhatsApp deliveries.
// POST: signature over the raw bytes (401 when missing or wrong, nothing stored), then every event of
// the delivery is stored durably and ingested before the 200; parts that cannot be used are logged.
import { Hono } from 'hono'
import { AppError } from '../../../shared/errors.ts'
import { createMetaRoutes, type MetaRoutes } from '../../channels/meta/meta-routes.ts'
import { normaliseMetaDelivery } from '../../channels/meta/normalise-meta-delivery.ts'
import { verifyMetaSignature, verifyTokenMatches } from '../../channels/meta/verify-signature.ts'
import type { AppDeps } from '../app-deps.ts'
import { cutDeepJson, maxJsonDepth } from '../json-depth.ts'
import { limitBody } from '../limit-body.ts'

/** Meta's deliveries hold up to 1000 updates, up to 3 MB. */
const maxDeliveryBytes = 4 * 1024 * 1024
const maxProblemsLogged = 20

export function metaWebhook(deps: AppDeps): Hono {
  const app = new Hono()
  const routes = createMetaRoutes(deps.database.db)
  const { config, log } = deps

  app.get('/', (c) => {
    const query = new URL(c.req.url).searchParams
    if (
      query.get('hub.mode') === 'subscribe' &&
      verifyTokenMatches(query.get('hub.verify_token') ?? undefined, config.META_VERIFY_TOKEN)
    ) {
      return c.text(query.get('hub.challenge') ?? '', 200)
    }
    throw new AppError('forbidden', 'The verify token does not match META_VERIFY_TOKEN.')
  })

  app.post('/', limitBody(maxDeliveryBytes), async (c) => {
    if (!config.META_APP_SECRET) throw new AppError('forbidden', 'Set META_APP_SECRET to receive Meta webhooks.')
    const raw = new Uint8Array(await c.req.arrayBuffer())
    if (!verifyMetaSignature(raw, c.req.header('x-hub-signature-256'), config.META_APP_SECRET)) {
      log.warn('meta webhook refused: bad or missing signature', { bytes: raw.length })
      throw new AppError('invalid_signature', 'X-Hub-Signature-256 is missing or does not match the body.')
    }
    // Signed, so it is Meta's: parts nested deeper than any real delivery are dropped (and logged), the
    // rest of the delivery is kept.
    const { text, cut } = cutDeepJson(new TextDecoder().decode(raw))
    if (cut) log.warn(`meta webhook: ${cut} values nested deeper than ${maxJsonDepth} levels dropped`, { bytes: raw.length })
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      log.warn('meta webhook refused: not JSON', { bytes: raw.length })
      throw new AppError('malformed_json', 'The delivery is not valid JSON.')
    }
    const { events, problems } = await normaliseRouted(body, routes, deps.clock.now())
    for (const problem of problems.slice(0, maxProblemsLogged))
      log.warn(`meta webhook: ${problem.reason}`, { detail: problem.detail })
    if (problems.length > maxProblemsLogged)
      log.warn('meta webhook: more problems not logged', { count: problems.length - maxProblemsLogged })
    await Promise.all(events.map((event) => deps.ingest.submit(event)))
    return c.text('EVENT_RECEIVED', 200)
  })
  return app
}

/** Normalises with the cached routes; an id they do not know reloads them once and routes again. */
async function normaliseRouted(body: unknown, routes: MetaRoutes, receivedAt: Date) {
  if (!routes.loaded) await routes.reload()
  let missed = false
  const out = normaliseMetaDelivery(
    body,
    (kind, id) => {
      const channel = routes.route(kind, id)
      missed ||= channel === null
      return channel
    },
    receivedAt,
  )
  if (!missed) return out
  await routes.reload()
  return normaliseMetaDelivery(body, routes.route, receivedAt)
}
