// A fake of Meta's Graph API on loopback, for tests, benchmarks and people trying the
// product without a Meta app: point META_GRAPH_URL at `url`. It answers the Messenger, Instagram and
// WhatsApp send calls (a private reply to a comment too: `POST /{page-id}/messages`), the WhatsApp media
// download, Instagram media (the post a comment is under) and a WhatsApp account's message templates
// (`GET /{waba-id}/message_templates`, paged) in Meta's wire formats, captures every request
// so tests can assert what the helpdesk sent, and can be told to fail (`inject`) or to enforce the
// messaging windows (`setMode`). The version prefix is a wildcard; the token may come as `access_token`
// (query or form) or a Bearer header.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Context, Hono } from 'hono'
import { errorAnswer, type GraphError, type GraphErrorAnswer, invalidToken, missingToken, unknownPath } from './graph-errors.ts'
import { createMediaStore, mediaDownloadPath } from './graph-media.ts'
import { replyToComment, sendMessengerMessage } from './graph-messenger.ts'
import { createPostStore, type InstagramMedia } from './graph-posts.ts'
import { type CapturedRequest, captureRequest, type GraphAnswer, requestParams } from './graph-request.ts'
import { createTemplateStore, type MetaTemplate } from './graph-templates.ts'
import { sendWhatsAppMessage } from './graph-whatsapp.ts'
import type { MessagingWindow } from './messaging-window.ts'
import { type MetaWebhookBody, type PostedWebhook, postSignedWebhook, whatsappStatus } from './meta-webhooks.ts'

export interface GraphApiMode {
  /** Enforce Meta's messaging windows; null, the default, lets every send through. */
  window: MessagingWindow | null
  /** The only tokens accepted (others get 190); null, the default, accepts any token. */
  acceptedTokens: string[] | null
  /** Where failed statuses of the async window mode are POSTed, signed: a helpdesk url and the app secret. */
  statusWebhook: { url: string; appSecret: string; businessAccountId?: string; displayPhoneNumber?: string } | null
}

export interface FakeGraphApiOptions extends Partial<GraphApiMode> {
  /** Default 0: any free port on 127.0.0.1. */
  port?: number
  /** The fake's clock in epoch ms (windows, media url expiry); default Date.now. */
  now?: () => number
  /** How long a media url stays valid; default 5 minutes, as at Meta. */
  mediaUrlTtlMs?: number
  /** Wait before emitting an async failed status; default 50 ms, so the send's answer arrives first. */
  statusDelayMs?: number
  /** Called with every status webhook the fake emits (async window mode). */
  onStatus?: (webhook: MetaWebhookBody) => void
  /** Called once each request has been answered, with `response` filled. */
  onRequest?: (request: CapturedRequest) => void
}

/** Answer matching requests with a Graph error instead: `{...graphErrors.pageRateLimit, times: 2}`. */
export interface Injection {
  /** Which requests fail; default every request. */
  match?: (request: CapturedRequest) => boolean
  /** HTTP status; default 400. */
  status?: number
  error: GraphError
  /** How many matching requests fail; default 1, `Infinity` for all of them. */
  times?: number
}

export interface StatusDelivery {
  webhook: MetaWebhookBody
  /** The helpdesk's answer, once POSTed (only with `statusWebhook`). */
  result?: PostedWebhook
  /** Why the POST failed, if it did. */
  error?: unknown
}

export interface FakeGraphApi {
  /** Base url, e.g. `http://127.0.0.1:41234`: the value for META_GRAPH_URL. */
  url: string
  /** Every request, in arrival order. */
  requests: CapturedRequest[]
  /** Every status webhook the fake emitted. */
  statusDeliveries: StatusDelivery[]
  setMode(mode: Partial<GraphApiMode>): void
  inject(injection: Injection): void
  /** Media `GET /{v}/{id}` will describe and its url serve. */
  addMedia(id: string, bytes: Uint8Array, mimeType: string): void
  /** An Instagram media `GET /{v}/{id}?fields=…` will describe (the post a comment is under). */
  addPost(id: string, post: InstagramMedia): void
  /** The message templates `GET /{v}/{waba-id}/message_templates` lists (set again to change them). */
  setTemplates(accountId: string, templates: MetaTemplate[]): void
  /** Resolves once every emitted status webhook has been delivered (or failed). */
  settled(): Promise<void>
  /** Forgets requests, injections, status deliveries and used private replies; keeps media and mode. */
  reset(): void
  close(): Promise<void>
}

export async function startFakeGraphApi(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
  const clock = options.now ?? Date.now
  const mode: GraphApiMode = {
    window: options.window ?? null,
    acceptedTokens: options.acceptedTokens ?? null,
    statusWebhook: options.statusWebhook ?? null,
  }
  const requests: CapturedRequest[] = []
  const statusDeliveries: StatusDelivery[] = []
  const injections: (Injection & { status: number; times: number })[] = []
  const privateReplies = new Set<string>()
  const media = createMediaStore(options.mediaUrlTtlMs)
  const posts = createPostStore()
  const templates = createTemplateStore()
  const pending = new Set<Promise<void>>()
  let baseUrl = ''

  function takeInjection(request: CapturedRequest): GraphErrorAnswer | null {
    const found = injections.find((injection) => injection.times > 0 && (injection.match?.(request) ?? true))
    if (!found) return null
    found.times -= 1
    return { status: found.status, error: found.error }
  }

  function tokenProblem(request: CapturedRequest): GraphAnswer | null {
    if (request.token === null) return errorAnswer(missingToken)
    if (mode.acceptedTokens && !mode.acceptedTokens.includes(request.token)) return errorAnswer(invalidToken)
    return null
  }

  function emitFailedStatus(phoneNumberId: string, failure: { messageId: string; recipientId: string }): void {
    const hook = mode.statusWebhook
    const webhook = whatsappStatus({
      phoneNumberId,
      businessAccountId: hook?.businessAccountId,
      displayPhoneNumber: hook?.displayPhoneNumber,
      messageId: failure.messageId,
      recipientId: failure.recipientId,
      status: 'failed',
      at: clock(),
    })
    const delivery: StatusDelivery = { webhook }
    statusDeliveries.push(delivery)
    const sending = (async () => {
      await new Promise((resolve) => setTimeout(resolve, options.statusDelayMs ?? 50))
      options.onStatus?.(webhook)
      if (hook) delivery.result = await postSignedWebhook(hook.url, webhook, hook.appSecret)
    })().catch((error: unknown) => {
      delivery.error = error
    })
    pending.add(sending)
    void sending.finally(() => pending.delete(sending))
  }

  const app = new Hono<{ Variables: { request: CapturedRequest } }>()
  const answer = (c: Context<{ Variables: { request: CapturedRequest } }>, reply: GraphAnswer) => {
    c.get('request').response = reply
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    })
  }

  app.use(async (c, next) => {
    const request = await captureRequest(c, clock())
    requests.push(request)
    c.set('request', request)
    const injected = takeInjection(request)
    if (injected) c.res = answer(c, errorAnswer(injected))
    else await next()
    options.onRequest?.(request)
  })

  app.get(mediaDownloadPath, (c) => {
    const request = c.get('request')
    const bearer = /^Bearer\s+\S+$/i.test(request.headers.authorization ?? '')
    if (!bearer || tokenProblem(request)) return answer(c, errorAnswer(missingToken))
    const found = media.download(request.query, clock())
    if (!found) return answer(c, { status: 404, body: { error: 'Not Found' } })
    request.response = { status: 200, body: { bytes: found.bytes.byteLength, mimeType: found.mimeType } }
    return new Response(found.bytes, { status: 200, headers: { 'content-type': found.mimeType } })
  })

  app.post('/:version/:node/messages', (c) => {
    const request = c.get('request')
    const refused = tokenProblem(request)
    if (refused) return answer(c, refused)
    const params = requestParams(request)
    const node = c.req.param('node')
    if (node === 'me' || 'recipient' in params || 'sender_action' in params) {
      return answer(c, sendMessengerMessage(params, { window: mode.window, now: clock(), privateReplies }))
    }
    const outcome = sendWhatsAppMessage(params, { window: mode.window, now: clock() })
    if (outcome.failure) emitFailedStatus(node, outcome.failure)
    return answer(c, outcome.answer)
  })

  // Instagram answers under a comment with /replies, a Facebook Page comment with /comments: one format.
  app.post('/:version/:node/:edge{replies|comments}', (c) => {
    const refused = tokenProblem(c.get('request'))
    return answer(c, refused ?? replyToComment(requestParams(c.get('request'))))
  })

  app.get('/:version/:node/message_templates', (c) => {
    const request = c.get('request')
    const refused = tokenProblem(request)
    if (refused) return answer(c, refused)
    const { access_token: _token, ...query } = request.query
    return answer(c, templates.list(c.req.param('node'), query, `${baseUrl}${request.path}`))
  })

  app.get('/:version/:node', (c) => {
    const refused = tokenProblem(c.get('request'))
    if (refused) return answer(c, refused)
    const node = c.req.param('node')
    if (posts.has(node)) return answer(c, posts.describe(node, c.req.query('fields')))
    return answer(c, media.describe(node, baseUrl, clock()))
  })

  app.notFound((c) => answer(c, errorAnswer(unknownPath(new URL(c.req.url).pathname))))
  app.onError((error, c) => {
    console.error('fake Graph API failed on a request', error)
    return answer(c, { status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1 } } })
  })

  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' })
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    requests,
    statusDeliveries,
    setMode(change) {
      Object.assign(mode, change)
    },
    inject(injection) {
      injections.push({ status: 400, times: 1, ...injection })
    },
    addMedia: (id, bytes, mimeType) => media.add(id, bytes, mimeType),
    addPost: (id, post) => posts.add(id, post),
    setTemplates: (accountId, list) => templates.set(accountId, list),
    async settled() {
      while (pending.size > 0) await Promise.all(pending)
    },
    reset() {
      requests.length = 0
      statusDeliveries.length = 0
      injections.length = 0
      privateReplies.clear()
    },
    async close() {
      await Promise.all(pending)
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
      if ('closeAllConnections' in server) server.closeAllConnections()
      await closed
    },
  }
}
