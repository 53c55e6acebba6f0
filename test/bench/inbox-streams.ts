// Open inboxes without a browser: agents' live sync streams (GET /api/sync/stream with each agent's session
// cookie), each doing on the wire what an open inbox does with them, by the stream's documented contract
// (shared/schema/sync.ts): on a `change` event it pulls GET /api/sync from its cursor until no more changes
// wait, unless the change says it was pushed in the event before it. They load the server as that many open
// inboxes would, without the 2 cores also having to run that many Chromium pages.
import { Agent, type ClientRequest, request } from 'node:http'

export interface InboxStreams {
  count: number
  /** `change` events received so far, all clients together. */
  events(): number
  /** Arrival times (this process's performance.now()) of each client's first event after `since`. */
  firstEventsAfter(since: number): number[]
  /** Completion times of each client's first finished pull begun after `since`. */
  firstPullsAfter(since: number): number[]
  pullsInFlight(): number
  /** Response bytes (bodies) the clients received, stream and pulls. */
  bytes(): number
  errors: string[]
  close(): void
}

interface Client {
  cookie: string
  cursor: string | null
  events: number[]
  pulls: { started: number; finished: number }[]
  pulling: boolean
  again: boolean
  stream: ClientRequest | null
}

/** A `change` that says the event before it carried the change itself (`pushed`): an app applies that and does not pull. */
function pushed(block: string): boolean {
  const data = block
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .join('\n')
  try {
    return (JSON.parse(data) as { pushed?: unknown }).pushed === true
  } catch {
    return false
  }
}

export async function openInboxStreams(
  baseUrl: string,
  cookies: readonly string[],
  startCursor: string | null,
  options: { pull: boolean },
): Promise<InboxStreams> {
  const base = new URL(baseUrl)
  const agent = new Agent({ keepAlive: true, maxSockets: cookies.length * 2 + 2, timeout: 4_000 })
  const errors: string[] = []
  let bytes = 0
  let inFlight = 0
  let closed = false
  const clients: Client[] = cookies.map((cookie) => ({
    cookie,
    cursor: startCursor,
    events: [],
    pulls: [],
    pulling: false,
    again: false,
    stream: null,
  }))

  function get(path: string, cookie: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request({ agent, host: base.hostname, port: base.port, path, headers: { cookie } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          chunks.push(chunk)
        })
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString('utf8'))
            : reject(new Error(`${path}: ${res.statusCode}`)),
        )
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    })
  }

  async function pull(client: Client): Promise<void> {
    if (client.pulling) {
      client.again = true
      return
    }
    client.pulling = true
    inFlight++
    try {
      do {
        client.again = false
        const started = performance.now()
        // Bounded like the app's own pull: a few pages, never an endless loop.
        for (let page = 0; page < 50; page++) {
          const query = client.cursor ? `?cursor=${encodeURIComponent(client.cursor)}` : ''
          const body = JSON.parse(await get(`/api/sync${query}`, client.cookie)) as { cursor?: string; more?: boolean }
          if (typeof body.cursor === 'string') client.cursor = body.cursor
          if (!body.more) break
        }
        client.pulls.push({ started, finished: performance.now() })
      } while (client.again && !closed)
    } catch (error) {
      if (!closed) errors.push(`pull: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      client.pulling = false
      inFlight--
    }
  }

  function openStream(client: Client): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path: '/api/sync/stream',
          headers: { cookie: client.cookie, accept: 'text/event-stream' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`stream answered ${res.statusCode}`))
            res.resume()
            return
          }
          resolve()
          let buffer = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            bytes += Buffer.byteLength(chunk)
            buffer += chunk
            // Server-Sent Events: blank-line separated blocks of `field: value` lines.
            let end = buffer.search(/\r?\n\r?\n/)
            while (end >= 0) {
              const block = buffer.slice(0, end)
              buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '')
              const event = /^event:\s*(.*)$/m.exec(block)?.[1]?.trim() ?? 'message'
              if (event !== 'heartbeat') {
                client.events.push(performance.now())
                if (options.pull && event === 'change' && !pushed(block)) void pull(client)
              }
              end = buffer.search(/\r?\n\r?\n/)
            }
          })
          res.on('end', () => {
            if (!closed) errors.push('a stream ended')
          })
          res.on('error', (error) => {
            if (!closed) errors.push(`stream: ${error.message}`)
          })
        },
      )
      req.on('error', (error) => {
        if (!closed) errors.push(`stream: ${error.message}`)
        reject(error)
      })
      req.end()
      client.stream = req
    })
  }

  // Opened a few at a time, as inboxes are opened over a morning rather than in one instant.
  for (let i = 0; i < clients.length; i += 10) await Promise.all(clients.slice(i, i + 10).map(openStream))

  const firstAfter = (times: number[], since: number) => times.find((t) => t >= since)
  return {
    count: clients.length,
    events: () => clients.reduce((sum, c) => sum + c.events.length, 0),
    firstEventsAfter: (since) => clients.map((c) => firstAfter(c.events, since)).filter((t): t is number => t !== undefined),
    firstPullsAfter: (since) =>
      clients.map((c) => c.pulls.find((p) => p.started >= since)?.finished).filter((t): t is number => t !== undefined),
    pullsInFlight: () => inFlight,
    bytes: () => bytes,
    errors,
    close() {
      closed = true
      for (const c of clients) c.stream?.destroy()
      agent.destroy()
    },
  }
}
