// The widget's connection to /chat/socket: says hello with the stored token, keeps the token it is
// given, and reconnects with backoff when the connection drops. Reconnecting is the tricky part: what
// the visitor wrote while offline, or what was sent but never acknowledged, is sent again after the
// next welcome under the same clientId, and the server stores it once. The server's frames are trusted
// as its own (validating them here would bring a schema library into every customer's page).
import type { ChatEntry, ChatError, ChatMessage, ServerFrame, VisitorFrame } from '../../shared/protocol/chat.ts'
import { chatCloseCodes, chatProtocolVersion } from '../../shared/protocol/chat-version.ts'
import { reconnectDelayMs } from './backoff.ts'
import type { VisitorStore } from './visitor-store.ts'

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'stopped'

export interface ChatSocketEvents {
  welcome(history: ChatEntry[]): void
  message(message: ChatMessage): void
  agentTyping(typing: boolean, name: string): void
  error(error: ChatError): void
  state(state: ConnectionState): void
}

export interface ChatSocket {
  /** Sends now when online; otherwise the caller's unsent list is sent after the next welcome. */
  send(frame: VisitorFrame): boolean
  /** Skips the wait before the next attempt (the browser is back online). */
  retryNow(): void
  close(): void
}

export function connectChat(options: {
  url: string
  store: VisitorStore
  events: ChatSocketEvents
  /** Frames to send again after each welcome (the conversation's unsent messages). */
  unsent: () => VisitorFrame[]
}): ChatSocket {
  const { store, events } = options
  let socket: WebSocket | null = null
  let online = false
  let stopped = false
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  function open(): void {
    events.state('connecting')
    const ws = new WebSocket(options.url)
    socket = ws
    ws.onopen = () => {
      const { token, name, email } = store.load()
      const hello: VisitorFrame = { type: 'hello', v: chatProtocolVersion }
      if (token) hello.visitorToken = token
      if (name) hello.name = name
      if (email) hello.email = email
      ws.send(JSON.stringify(hello))
    }
    ws.onmessage = (event) => {
      let frame: ServerFrame
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame
      } catch {
        return
      }
      receive(frame)
    }
    ws.onclose = (event) => {
      if (socket !== ws) return
      socket = null
      online = false
      if (stopped) return
      events.state('offline')
      // Cut off for flooding: wait out the window before trying again.
      const floor = event.code === chatCloseCodes.policy ? 10_000 : 0
      timer = setTimeout(open, Math.max(floor, reconnectDelayMs(attempt++)))
    }
  }

  function receive(frame: ServerFrame): void {
    if (frame.type === 'welcome') {
      store.save({ token: frame.visitorToken })
      online = true
      attempt = 0
      events.state('online')
      events.welcome(frame.history)
      for (const pending of options.unsent()) socket?.send(JSON.stringify(pending))
    } else if (frame.type === 'message') events.message(frame)
    else if (frame.type === 'agent_typing') events.agentTyping(frame.typing, frame.name)
    else if (frame.type === 'error') {
      // A page with a wrong channel id must not knock on the server forever.
      if (frame.code === 'unknown_channel') stop()
      events.error(frame)
    }
  }

  function stop(): void {
    stopped = true
    if (timer) clearTimeout(timer)
    socket?.close()
    socket = null
    events.state('stopped')
  }

  open()
  return {
    send(frame) {
      if (!online || !socket) return false
      socket.send(JSON.stringify(frame))
      return true
    },
    retryNow() {
      if (stopped || socket) return
      if (timer) clearTimeout(timer)
      open()
    },
    close: stop,
  }
}
