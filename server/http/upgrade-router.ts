// The HTTP server's websocket upgrades, routed by path prefix to their handler (the live chat's and the
// collaboration's sockets). Any other upgrade is answered 404 and its socket closed, so nothing hangs open.
// A browser opens a websocket to any site with that site's cookies and no CORS check, so every upgrade
// must come from one of our own pages (403 otherwise), except on the paths open to other sites (the chat
// widget's socket), whose handler checks the sites it allows itself.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { isAllowedOrigin, originHeadersOf } from '../security/request-origin.ts'
import { refuseUpgrade } from '../sockets/refuse-upgrade.ts'

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

/** `routes` maps a path prefix (`/chat/socket`, `/collab`) to the handler of the paths at or under it. */
export function createUpgradeRouter(
  routes: Record<string, UpgradeHandler>,
  options: { publicUrl: () => string; openToOtherSites: readonly string[] },
): UpgradeHandler {
  const entries = Object.entries(routes)
  return (req, socket, head) => {
    // A client that goes away mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy())
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const route = entries.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))
    if (!route) return refuseUpgrade(socket, '404 Not Found')
    if (!options.openToOtherSites.includes(route[0]) && !isAllowedOrigin(originHeadersOf(req), options.publicUrl())) {
      return refuseUpgrade(socket, '403 Forbidden')
    }
    route[1](req, socket, head)
  }
}
