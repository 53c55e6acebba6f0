// A TCP relay on 127.0.0.1 in front of the server that counts the bytes going to the browser, with the
// time each chunk passed. It sees everything the browser fetched, whoever fetched it (the page, a service
// worker, a worker), as it crossed the wire: compressed when the server compressed, headers included.
// The page-level view of the DevTools protocol misses what a service worker fetched for the page.
// Bytes are put down to the request they answer: the browser speaks HTTP/1.1 to it, one request at a
// time on a connection, so what comes back belongs to the last request line that went out on it.
import { connect, createServer, type Socket } from 'node:net'

export interface WireMeter {
  /** The server's address through the relay. */
  url: string
  /** Bytes sent to the browser since the relay started, up to `until` (performance.now()) when given. */
  received(until?: number): number
  /** When the last chunk of 1 KB or more went to the browser (performance.now()), or 0: a stream's heartbeat is not traffic. */
  lastAt(): number
  /** Bytes the browser sent. */
  sent(): number
  /** Bytes received up to `until`, by request (method and path, without the query), most first. */
  byRequest(until: number): { request: string; bytes: number }[]
  close(): Promise<void>
}

export async function startWireMeter(serverUrl: string): Promise<WireMeter> {
  const target = new URL(serverUrl)
  const chunks: { at: number; bytes: number; request: string }[] = []
  let down = 0
  let up = 0
  let lastAt = 0
  const sockets = new Set<Socket>()
  const relay = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname)
    let request = '(none yet)'
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    }
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length
      chunks.push({ at: performance.now(), bytes: chunk.length, request })
      if (chunk.length >= 1024) lastAt = performance.now()
    })
    client.on('data', (chunk: Buffer) => {
      up += chunk.length
      const line = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/.exec(chunk.subarray(0, 2048).toString('latin1'))
      if (line) request = `${line[1]} ${line[2]!.split('?')[0]}`
    })
    client.pipe(upstream)
    upstream.pipe(client)
    // A reset on either side ends both: the server must not keep a stream open for a browser that left.
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  const port = (relay.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    received(until) {
      if (until === undefined) return down
      let total = 0
      for (const c of chunks) if (c.at <= until) total += c.bytes
      return total
    },
    lastAt: () => lastAt,
    sent: () => up,
    byRequest(until) {
      const totals = new Map<string, number>()
      for (const c of chunks) if (c.at <= until) totals.set(c.request, (totals.get(c.request) ?? 0) + c.bytes)
      return [...totals].map(([request, bytes]) => ({ request, bytes })).sort((a, b) => b.bytes - a.bytes)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        relay.close(() => resolve())
      }),
  }
}
