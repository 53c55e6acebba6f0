// A live-chat visitor for tests: a `ws` client on /chat/socket, as the widget would be, that keeps every
// frame the server sends so a test can wait for the one it expects.
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'

export interface Closed {
  code: number
  reason: string
}

export class ChatVisitor {
  readonly frames: any[] = []
  /** Every frame as it came, kept even when a test has taken it from `frames`. */
  readonly received: string[] = []
  readonly closed: Promise<Closed>
  private waiters: { test: (frame: any) => boolean; resolve: (frame: any) => void }[] = []

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(String(data))
      const frame = JSON.parse(String(data))
      this.frames.push(frame)
      for (const waiter of [...this.waiters]) {
        if (!waiter.test(frame)) continue
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        waiter.resolve(frame)
      }
    })
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })))
  }

  static socketUrl(baseUrl: string, channelId: string): string {
    return `${baseUrl.replace(/^http/, 'ws')}/chat/socket?channel=${encodeURIComponent(channelId)}`
  }

  static async connect(baseUrl: string, channelId: string): Promise<ChatVisitor> {
    const socket = new WebSocket(ChatVisitor.socketUrl(baseUrl, channelId))
    // Listening before the socket opens: a frame may come in the same packet as the handshake.
    const visitor = new ChatVisitor(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return visitor
  }

  /** Connects and says hello; resolves with the welcome. */
  static async arrive(
    baseUrl: string,
    channelId: string,
    hello: { visitorToken?: string; name?: string; email?: string } = {},
  ): Promise<{ visitor: ChatVisitor; welcome: any }> {
    const visitor = await ChatVisitor.connect(baseUrl, channelId)
    visitor.send({ type: 'hello', v: 1, ...hello })
    return { visitor, welcome: await visitor.next((f) => f.type === 'welcome') }
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** Sends a message and waits for its echo (stored) or an error about it. */
  async say(text: string, clientId: string = randomUUID()): Promise<any> {
    this.send({ type: 'message', clientId, text })
    return this.next((f) => f.clientId === clientId)
  }

  /** The first frame, already received or still to come, that passes the test. */
  next(test: (frame: any) => boolean, timeoutMs = 5_000): Promise<any> {
    const seen = this.frames.find(test)
    if (seen) {
      this.frames.splice(this.frames.indexOf(seen), 1)
      return Promise.resolve(seen)
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)),
        timeoutMs,
      )
      this.waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer)
          this.frames.splice(this.frames.indexOf(frame), 1)
          resolve(frame)
        },
      })
    })
  }

  async leave(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return
    this.socket.close()
    await this.closed
  }
}
