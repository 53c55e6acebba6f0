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
  /** Each watched socket: whether it answered since the last ping, and when it is pinged next. */
  const watched = new Map<WebSocket, { answered: boolean; dueAt: number }>()
  // Each socket is pinged an interval after it was last pinged, so pings spread over the interval by
  // connection time instead of a burst to every socket at once; a finer tick finds the ones due.
  const timer = setInterval(
    () => {
      const now = Date.now()
      for (const [socket, state] of watched) {
        if (state.dueAt > now) continue
        if (!state.answered) {
          watched.delete(socket)
          socket.terminate()
          continue
        }
        state.answered = false
        state.dueAt = now + intervalMs
        socket.ping()
      }
    },
    Math.max(25, Math.floor(intervalMs / 8)),
  )
  timer.unref()

  return {
    watch(socket) {
      watched.set(socket, { answered: true, dueAt: Date.now() + intervalMs })
      socket.on('pong', () => {
        const state = watched.get(socket)
        if (state) state.answered = true
      })
      socket.on('close', () => watched.delete(socket))
    },
    stop: () => clearInterval(timer),
  }
}
