// The HTTP surface: health, the REST API behind authentication, the channels' webhooks, one error mapper.
import { Hono } from 'hono'
import { AppError } from '../../shared/errors.ts'
import { maxReplyBytes } from '../../shared/schema/reply.ts'
import type { AppEnv } from '../auth/actor.ts'
import type { AppDeps } from './app-deps.ts'
import { authenticate } from './authenticate.ts'
import { checkOrigin } from './check-origin.ts'
import { errorResponse } from './error-response.ts'
import { limitBody } from './limit-body.ts'
import { buildOpenApi } from './openapi.ts'
import { agentRoutes } from './routes/agent-routes.ts'
import { appRoutes } from './routes/app-routes.ts'
import { attachmentRoutes } from './routes/attachment-routes.ts'
import { auditRoutes } from './routes/audit-routes.ts'
import { authRoutes } from './routes/auth-routes.ts'
import { contactRoutes } from './routes/contact-routes.ts'
import { directoryRoutes } from './routes/directory-routes.ts'
import { emailWebhook } from './routes/email-webhook.ts'
import { formWebhook } from './routes/form-webhook.ts'
import { guidelineRoutes } from './routes/guideline-routes.ts'
import { inboundEventRoutes } from './routes/inbound-event-routes.ts'
import { macroRoutes } from './routes/macro-routes.ts'
import { meRoutes } from './routes/me-routes.ts'
import { mentionRoutes } from './routes/mention-routes.ts'
import { metaWebhook } from './routes/meta-webhook.ts'
import { notificationRoutes } from './routes/notification-routes.ts'
import { presenceRoutes } from './routes/presence-routes.ts'
import { renderSavedReplyRoutes } from './routes/render-saved-reply-routes.ts'
import { routingRoutes } from './routes/routing-routes.ts'
import { ruleRoutes } from './routes/rule-routes.ts'
import { sampleDataRoutes } from './routes/sample-data-routes.ts'
import { savedReplyRoutes } from './routes/saved-reply-routes.ts'
import { syncRoutes } from './routes/sync-routes.ts'
import { tagRoutes } from './routes/tag-routes.ts'
import { templateRoutes } from './routes/template-routes.ts'
import { testClockRoutes } from './routes/test-clock-routes.ts'
import { ticketRoutes } from './routes/ticket-routes.ts'
import { typingRoutes } from './routes/typing-routes.ts'
import { widgetRoutes } from './routes/widget-routes.ts'
import { securityHeaders } from './security-headers.ts'

const maxBodyBytes = 1024 * 1024

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.onError((error, c) => errorResponse(c, error, deps.log))
  app.notFound((c) => errorResponse(c, new AppError('not_found', `No route ${c.req.method} ${c.req.path}.`), deps.log))
  app.use('*', securityHeaders())
  app.use(
    '*',
    checkOrigin(() => deps.config.publicUrl),
  )
  // Replies may carry files; every other API request stays small.
  app.use('/api/tickets/:id/replies', limitBody(maxReplyBytes))
  app.use('/api/*', async (c, next) => (c.req.path.endsWith('/replies') ? next() : limitBody(maxBodyBytes)(c, next)))
  app.use('/webhooks/form/*', limitBody(maxBodyBytes))

  app.get('/health', async (c) => {
    await deps.database.ping().catch(() => {
      throw new AppError('service_unavailable', 'The database does not answer.')
    })
    return c.json({ ok: true, db: deps.database.kind })
  })
  app.route('/', appRoutes())
  let openApi = { url: '', doc: {} }
  app.get('/api/openapi.json', (c) => {
    if (openApi.url !== deps.config.publicUrl) openApi = { url: deps.config.publicUrl, doc: buildOpenApi(deps.config.publicUrl) }
    return c.json(openApi.doc)
  })

  const api = new Hono<AppEnv>()
  api.route('/', authRoutes(deps))
  api.use('*', authenticate(deps.database.db, deps.secretKey, deps.activity))
  api.route('/', directoryRoutes(deps))
  api.route('/', agentRoutes(deps))
  api.route('/me', meRoutes(deps))
  api.route('/', routingRoutes(deps))
  api.route('/rules', ruleRoutes(deps))
  api.route('/tags', tagRoutes(deps))
  api.route('/guidelines', guidelineRoutes(deps))
  api.route('/notifications', notificationRoutes(deps))
  if (deps.testClock) api.route('/test/clock', testClockRoutes(deps.testClock, deps.scheduler))
  api.route('/channels', templateRoutes(deps))
  api.route('/tickets', ticketRoutes(deps))
  api.route('/tickets', typingRoutes(deps))
  api.route('/contacts', contactRoutes(deps))
  api.route('/attachments', attachmentRoutes(deps))
  api.route('/presence', presenceRoutes(deps))
  api.route('/sync', syncRoutes(deps))
  api.route('/sample-data', sampleDataRoutes(deps))
  api.route('/inbound-events', inboundEventRoutes(deps))
  api.route('/tickets', mentionRoutes(deps))
  api.route('/tickets', renderSavedReplyRoutes(deps))
  api.route('/saved-replies', savedReplyRoutes(deps))
  api.route('/macros', macroRoutes(deps))
  api.route('/', auditRoutes(deps))
  app.route('/api', api)

  app.route('/webhooks/form', formWebhook(deps))
  app.route('/webhooks/meta', metaWebhook(deps))
  app.route('/webhooks/email', emailWebhook(deps))
  app.route('/', widgetRoutes(deps))
  return app
}
