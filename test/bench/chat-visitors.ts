// The chat bench's visitors: lean `ws` sockets on /chat/socket that say hello and then only time frames:
// the echo of a message they sent (by clientId) and an agent's reply (by its text). Every wait is bounded.
import WebSocket from 'ws'

export interface Visitors {
  sockets: WebSocket[]
  /** Sends a message from visitor `v`; resolves when its echo comes back, rejects on an error frame or timeout. */
  say(v: number, clientId: string, text: string): Promise<void>
  /** Resolves when visitor `v` receives an agent message with this text. */
  expectReply(v: number, text: string): Promise<void>
  connected(): number
  closeCodes(): string
  close(): void
}

const waitMs = 15_000

export async function connectVisitors(baseUrl: string, channelId: string, count: number): Promise<Visitors> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/chat/socket?channel=${encodeURIComponent(channelId)}`
  const waiting = new Map<string, { resolve(): void; reject(error: Error): void }>()
  const codes = new Map<number, number>()
  const sockets: WebSocket[] = []

  function wait(key: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(key)
        reject(new Error(`no frame for ${key} in ${waitMs} ms`))
      }, waitMs)
      const done = (error?: Error) => {
        clearTimeout(timer)
        waiting.delete(key)
        if (error) reject(error)
        else resolve()
      }
      waiting.set(key, { resolve: () => done(), reject: done })
    })
  }

  function open(v: number): Promise<void> {
    const ws = new WebSocket(url)
    sockets[v] = ws
    const welcome = wait(`welcome ${v}`)
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data))
      if (frame.type === 'welcome') waiting.get(`welcome ${v}`)?.resolve()
      else if (frame.type === 'message' && frame.direction === 'inbound') waiting.get(`echo ${frame.clientId}`)?.resolve()
      else if (frame.type === 'message') waiting.get(`reply ${v} ${frame.text}`)?.resolve()
      else if (frame.type === 'error') {
        const key = frame.clientId ? `echo ${frame.clientId}` : `welcome ${v}`
        waiting.get(key)?.reject(new Error(`${frame.code}: ${frame.message}`))
      }
    })
    ws.on('close', (code) => codes.set(code, (codes.get(code) ?? 0) + 1))
    ws.on('error', (error) => waiting.get(`welcome ${v}`)?.reject(error))
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, name: `Bench visitor ${v}` })))
    return welcome
  }

  // Twenty handshakes at a time, as a burst of page views would come.
  for (let from = 0; from < count; from += 20) {
    await Promise.all(Array.from({ length: Math.min(20, count - from) }, (_, k) => open(from + k)))
  }

  return {
    sockets,
    say(v, clientId, text) {
      if (sockets[v]!.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`visitor ${v} is disconnected`))
      const echoed = wait(`echo ${clientId}`)
      sockets[v]!.send(JSON.stringify({ type: 'message', clientId, text }))
      return echoed
    },
    expectReply: (v, text) => wait(`reply ${v} ${text}`),
    connected: () => sockets.filter((s) => s.readyState === WebSocket.OPEN).length,
    closeCodes: () => [...codes].map(([code, n]) => `${n} closed ${code}`).join(', '),
    close() {
      for (const s of sockets) s.terminate()
    },
  }
}
