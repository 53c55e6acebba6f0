// The HTTP server's websocket upgrades, routed by path prefix to their handler (the live chat's and the
// collaboration's sockets). Any other upgrade is answered 404 and its socket closed, so nothing hangs open.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { refuseUpgrade } from '../sockets/refuse-upgrade.ts'

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

/** `routes` maps a path prefix (`/chat/socket`, `/collab`) to the handler of the paths at or under it. */
export function createUpgradeRouter(routes: Record<string, UpgradeHandler>): UpgradeHandler {
  const entries = Object.entries(routes)
  return (req, socket, head) => {
    // A client that goes away mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy())
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const route = entries.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))
    if (route) return route[1](req, socket, head)
    refuseUpgrade(socket, '404 Not Found')
  }
}
