// Why a heartbeat: a client whose laptop closes or whose network drops leaves a socket that looks open
// for minutes. The chat would "deliver" replies to a visitor who is gone, and a ticket's document would
// show an agent who left. Every watched socket is pinged each interval; one that has not answered the
// previous ping is terminated, so its 'close' handlers run at once (the visitor counts as gone, the agent
// leaves the document's awareness and presence).
import type { WebSocket } from 'ws'

export const defaultHeartbeatMs = 30_000

export interface Heartbeat {
  /** Pings the socket from now on, until it closes. */
  watch(socket: WebSocket): void
  stop(): void
}

export function createHeartbeat(intervalMs = defaultHeartbeatMs): Heartbeat {
  /** Each watched socket, and whether it answered since the last ping. */
  const answered = new Map<WebSocket, boolean>()
  const timer = setInterval(() => {
    for (const [socket, alive] of answered) {
      if (!alive) {
        answered.delete(socket)
        socket.terminate()
        continue
      }
      answered.set(socket, false)
      socket.ping()
    }
  }, intervalMs)
  timer.unref()

  return {
    watch(socket) {
      answered.set(socket, true)
      socket.on('pong', () => {
        if (answered.has(socket)) answered.set(socket, true)
      })
      socket.on('close', () => answered.delete(socket))
    },
    stop: () => clearInterval(timer),
  }
}
