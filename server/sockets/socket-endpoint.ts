// One websocket endpoint (the live chat's, the collaboration's): takes over upgrades the caller has
// accepted, with the same guarantees for each socket. A frame past `maxFrameBytes` is refused by ws itself
// before it is buffered whole (the socket is closed with 1009); every socket is on the heartbeat; a socket
// error (an oversized frame, broken framing, a peer gone mid-frame) is logged at debug and never crashes
// the process (ws closes the socket after it). Per-message rate limits are the protocol's own
// (server/security/rate-limiter.ts).
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import type { Logger } from '../log.ts'
import { createHeartbeat, defaultHeartbeatMs } from './heartbeat.ts'

export interface SocketEndpoint {
  /** Completes the upgrade and hands over the open socket. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, opened: (ws: WebSocket) => void): void
  /** Every socket open on this endpoint. */
  readonly sockets: ReadonlySet<WebSocket>
  /** Stops the heartbeat; resolves once every socket is closed (closing them is the caller's, with its own code). */
  close(): Promise<void>
}

export function createSocketEndpoint(options: {
  /** Names the endpoint in the log. */
  name: string
  maxFrameBytes: number
  heartbeatMs?: number
  log: Logger
}): SocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes })
  const heartbeat = createHeartbeat(options.heartbeatMs ?? defaultHeartbeatMs)
  return {
    accept(req, socket, head, opened) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (error) => options.log.debug(`${options.name} socket error`, { error }))
        heartbeat.watch(ws)
        opened(ws)
      })
    },
    sockets: wss.clients,
    close() {
      heartbeat.stop()
      return new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
