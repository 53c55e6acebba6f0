// The live-chat hub: visitors' sockets on /chat/socket?channel=<id>, who is online, and delivery of the
// business's side to them (agent replies, agent typing). A visitor's message goes through the ingest like
// any channel's and is echoed to the visitor's sockets once it is committed. Each socket answers its
// frames in order; limits (rate, frame size) are checked as frames arrive, before any work is queued.
// Sockets are held per process: with several server nodes a visitor on another node is "not online"
// here, and the reply waits in their history (cross-node fan-out comes with LISTEN/NOTIFY).
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RawData, WebSocket } from 'ws'
import { AppError } from '../../../shared/errors.ts'
import type { ChatEntry, ChatMessage, ServerFrame, VisitorFrame } from '../../../shared/protocol/chat.ts'
import { chatCloseCodes, chatProtocolVersion } from '../../../shared/protocol/chat-version.ts'
import type { Clock } from '../../clock/clock.ts'
import type { Database } from '../../db/create-db.ts'
import type { Logger } from '../../log.ts'
import { createRateLimiter, type RateLimit, type RateLimiter } from '../../security/rate-limiter.ts'
import { isAllowedOrigin, originHeadersOf } from '../../security/request-origin.ts'
import { refuseUpgrade } from '../../sockets/refuse-upgrade.ts'
import { createSocketEndpoint } from '../../sockets/socket-endpoint.ts'
import { type ChannelRow, findChannel } from '../channel-directory.ts'
import type { ChannelEvent } from '../channel-event.ts'
import type { ChannelRef, IngestResult } from '../inbound-message.ts'
import { visitorHistory, visitorOfTicket } from './chat-history.ts'
import { normaliseChat } from './chat-normalise.ts'
import { identifyVisitor } from './identify-visitor.ts'
import { type ParsedFrame, parseVisitorFrame } from './visitor-frame.ts'
import { issueVisitorToken, isVisitorToken, visitorIdOf } from './visitor-token.ts'

export const chatSocketPath = '/chat/socket'
/** Frames past this are refused by the socket layer itself, closing with 1009. */
export const maxFrameBytes = 16 * 1024
const defaultRateLimit: RateLimit = { messages: 10, perMs: 10_000 }

export interface ChatHub {
  /** Takes over an HTTP upgrade request for /chat/socket?channel=<channelId>. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Sends to every open socket of the visitor; true when at least one got it. */
  deliver(visitorId: string, message: ChatMessage): boolean
  /** Shows or hides "agent is typing" to the visitor writing on the ticket; true when someone saw it. */
  agentTyping(ticketId: string, name: string, typing: boolean): Promise<boolean>
  isOnline(visitorId: string): boolean
  /** Closes every socket (1001, come back later) and stops the heartbeat. */
  close(): Promise<void>
}

interface Session {
  ws: WebSocket
  channel: ChannelRef | null
  visitorId: string | null
  profile: { name: string | null; email: string | null }
  /** Live messages that came while the welcome was being made; sent right after it. */
  held: ChatMessage[] | null
  messageLimit: RateLimiter
  frameLimit: RateLimiter
  /** The frames of this socket, answered one after another. */
  work: Promise<void>
}

export function createChatHub(deps: {
  database: Database
  /** Hands an event to the ingest and resolves once it is stored. */
  submit(event: ChannelEvent): Promise<IngestResult>
  log: Logger
  clock: Clock
  rateLimit?: RateLimit
  /** How often each socket is pinged; one that missed the last ping is cut off (see server/sockets/heartbeat.ts). */
  heartbeatMs?: number
  /** The helpdesk's own origin: its /chat-demo page may open a socket to any of its channels. */
  publicUrl: () => string
}): ChatHub {
  const { db } = deps.database
  const { log } = deps
  const rateLimit = deps.rateLimit ?? defaultRateLimit
  // Typing, identify and malformed frames have a looser limit of their own; sending messages is the costly part.
  const frameRate: RateLimit = { messages: Math.max(30, rateLimit.messages * 3), perMs: rateLimit.perMs }
  // A visitor whose socket missed a ping is cut off by the heartbeat, so they count as gone and a reply
  // takes the fallback path instead of being "delivered" to a dead socket.
  const endpoint = createSocketEndpoint({ name: 'chat', maxFrameBytes, heartbeatMs: deps.heartbeatMs, log })
  const sessions = new Set<Session>()
  const byVisitor = new Map<string, Set<Session>>()

  function send(session: Session, frame: ServerFrame): boolean {
    if (session.ws.readyState !== session.ws.OPEN) return false
    session.ws.send(JSON.stringify(frame))
    return true
  }

  function deliver(visitorId: string, message: ChatMessage): boolean {
    let delivered = false
    for (const session of byVisitor.get(visitorId) ?? []) {
      if (session.held && session.ws.readyState === session.ws.OPEN) {
        session.held.push(message)
        delivered = true
      } else delivered = send(session, message) || delivered
    }
    return delivered
  }

  async function chatChannel(channelId: string): Promise<ChannelRow | null> {
    try {
      const channel = await findChannel(db, channelId)
      return channel.kind === 'chat' ? channel : null
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return null
      throw error
    }
  }

  function open(ws: WebSocket, channelId: string, channel: ChannelRef | null): void {
    const session: Session = {
      ws,
      channel,
      visitorId: null,
      profile: { name: null, email: null },
      held: null,
      messageLimit: createRateLimiter(rateLimit),
      frameLimit: createRateLimiter(frameRate),
      work: Promise.resolve(),
    }
    sessions.add(session)
    ws.on('message', (data, isBinary) => receive(session, data, isBinary))
    ws.on('close', () => forget(session))
    if (channel) return
    send(session, { type: 'error', code: 'unknown_channel', message: `No chat channel ${channelId}.` })
    ws.close(chatCloseCodes.policy, 'unknown channel')
  }

  function forget(session: Session): void {
    sessions.delete(session)
    if (!session.visitorId) return
    const own = byVisitor.get(session.visitorId)
    own?.delete(session)
    if (own?.size === 0) byVisitor.delete(session.visitorId)
  }

  function receive(session: Session, data: RawData, isBinary: boolean): void {
    const parsed: ParsedFrame = isBinary
      ? { ok: false, code: 'invalid_message', message: 'Frames are JSON text.' }
      : parseVisitorFrame(data.toString())
    const limiter = parsed.ok && parsed.frame.type === 'message' ? session.messageLimit : session.frameLimit
    const decision = limiter.take()
    if (decision === 'close') {
      session.ws.close(chatCloseCodes.policy, 'too many messages')
      return
    }
    if (decision === 'refuse') {
      const clientId = parsed.ok && parsed.frame.type === 'message' ? parsed.frame.clientId : undefined
      send(session, { type: 'error', code: 'rate_limited', message: 'Too many messages: wait a few seconds.', clientId })
      return
    }
    if (!parsed.ok) {
      send(session, { type: 'error', code: parsed.code, message: parsed.message, clientId: parsed.clientId })
      return
    }
    session.work = session.work
      .then(() => answer(session, parsed.frame))
      .catch((error: unknown) => log.error('chat frame failed', { type: parsed.frame.type, error }))
  }

  async function answer(session: Session, frame: VisitorFrame): Promise<void> {
    const channel = session.channel
    if (!channel) return
    // A message let through is stored even when the socket closed behind it (a flood cut off); the rest
    // only matters to an open socket.
    if (frame.type !== 'message' && session.ws.readyState !== session.ws.OPEN) return
    if (frame.type === 'hello') return hello(session, channel, frame)
    const visitorId = session.visitorId
    if (!visitorId) {
      send(session, { type: 'error', code: 'invalid_message', message: 'Say hello first.' })
      return
    }
    if (frame.type === 'message') return message(session, channel, visitorId, frame)
    if (frame.type === 'identify') {
      session.profile = { name: frame.name ?? session.profile.name, email: frame.email ?? session.profile.email }
      await identify(channel, visitorId, session)
    }
    // Visitor typing is accepted and not shown yet: agents have no live socket of their own so far.
  }

  async function hello(session: Session, channel: ChannelRef, frame: Extract<VisitorFrame, { type: 'hello' }>) {
    if (session.visitorId) {
      send(session, { type: 'error', code: 'invalid_message', message: 'Hello was said already on this socket.' })
      return
    }
    const visitorToken = isVisitorToken(frame.visitorToken) ? frame.visitorToken : issueVisitorToken()
    const visitorId = visitorIdOf(visitorToken)
    session.profile = { name: frame.name ?? null, email: frame.email ?? null }
    // Registered before the history is read, so a reply sent meanwhile is either in the history or held
    // and sent after the welcome; never lost in between.
    session.visitorId = visitorId
    session.held = []
    const own = byVisitor.get(visitorId) ?? new Set()
    own.add(session)
    byVisitor.set(visitorId, own)
    let history: ChatEntry[]
    try {
      history = await visitorHistory(db, channel, visitorId)
    } catch (error) {
      session.ws.close(1011, 'server error')
      throw error
    }
    send(session, { type: 'welcome', v: chatProtocolVersion, visitorToken, history })
    const shown = new Set(history.map((entry) => entry.id))
    for (const message of session.held) if (!shown.has(message.id)) send(session, message)
    session.held = null
    if (session.profile.name || session.profile.email) await identify(channel, visitorId, session)
  }

  async function message(
    session: Session,
    channel: ChannelRef,
    visitorId: string,
    frame: Extract<VisitorFrame, { type: 'message' }>,
  ): Promise<void> {
    const receivedAt = deps.clock.now()
    const [inbound] = normaliseChat(
      { visitorId, clientId: frame.clientId, text: frame.text, ...session.profile },
      channel,
      receivedAt,
    )
    const result = await deps.submit({ type: 'message', message: inbound! }).catch((error: unknown) => {
      log.error('chat message not stored', { channelId: channel.id, error })
      return null
    })
    if (!result?.messageId) {
      send(session, {
        type: 'error',
        code: 'server_error',
        message: 'Your message could not be stored; it will be sent again.',
        clientId: frame.clientId,
      })
      return
    }
    deliver(visitorId, {
      type: 'message',
      id: result.messageId,
      clientId: frame.clientId,
      direction: 'inbound',
      text: frame.text,
      at: receivedAt.toISOString(),
      authorName: null,
    })
  }

  async function identify(channel: ChannelRef, visitorId: string, session: Session): Promise<void> {
    const outcome = await identifyVisitor(db, channel.workspaceId, visitorId, session.profile, deps.clock.now())
    if (outcome === 'owned_elsewhere') log.info('chat visitor left an email another contact owns', { channelId: channel.id })
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (url.pathname !== chatSocketPath) {
        socket.destroy()
        return
      }
      const channelId = url.searchParams.get('channel') ?? ''
      chatChannel(channelId).then(
        (channel) => {
          // A channel that names its websites takes visitors from those only (and from our demo page).
          const sites = Array.isArray(channel?.config.allowedOrigins) ? (channel.config.allowedOrigins as string[]) : 'any'
          if (!isAllowedOrigin(originHeadersOf(req), deps.publicUrl(), sites)) return refuseUpgrade(socket, '403 Forbidden')
          endpoint.accept(req, socket, head, (ws) => open(ws, channelId, channel))
        },
        (error: unknown) => {
          log.error('chat channel lookup failed', { channelId, error })
          refuseUpgrade(socket, '500 Internal Server Error')
        },
      )
    },
    deliver,
    async agentTyping(ticketId, name, typing) {
      const visitorId = await visitorOfTicket(db, ticketId)
      if (!visitorId) return false
      let seen = false
      for (const session of byVisitor.get(visitorId) ?? []) seen = send(session, { type: 'agent_typing', typing, name }) || seen
      return seen
    },
    isOnline: (visitorId) => (byVisitor.get(visitorId)?.size ?? 0) > 0,
    async close() {
      for (const session of sessions) session.ws.close(chatCloseCodes.goingAway, 'server shutting down')
      await endpoint.close()
    },
  }
}
