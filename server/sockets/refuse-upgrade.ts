// Answers a websocket upgrade request with a plain HTTP status (401, 404, 500) and closes the connection,
// so a refused client gets a reason and nothing hangs open.
import type { Duplex } from 'node:stream'

/** `status` is the status line's code and text: `404 Not Found`. */
export function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
