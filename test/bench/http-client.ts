// A lean keep-alive HTTP client (node:http) so the client's own cost stays small next to the server's.
// It signs in once and sends the session cookie with every /api request.
import { Agent, request } from 'node:http'
import { benchAdmin } from './bench-server.ts'

export interface HttpResponse {
  status: number
  body: string
}

export interface HttpClient {
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>
  /** Signs in as the bench admin; later requests carry the session cookie. */
  login(): Promise<void>
  close(): void
}

export function createHttpClient(baseUrl: string, maxSockets: number): HttpClient {
  const base = new URL(baseUrl)
  // Idle sockets close after 4 s, before the server's 5 s keep-alive timeout: a request never goes out on a
  // socket the server is closing (ECONNRESET). The server's Keep-Alive hint is only used with a timeout set.
  const agent = new Agent({ keepAlive: true, maxSockets, timeout: 4_000 })
  let cookie: string | null = null

  function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
    // Bytes are sent as they are (a signed webhook); anything else as JSON.
    const payload = body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body)
    const allHeaders: Record<string, string> = { ...headers }
    if (payload !== undefined) {
      allHeaders['content-type'] ??= 'application/json'
      allHeaders['content-length'] = String(Buffer.byteLength(payload))
    }
    if (cookie) allHeaders.cookie = cookie
    return new Promise((resolve, reject) => {
      const req = request({ agent, host: base.hostname, port: base.port, method, path, headers: allHeaders }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const setCookie = res.headers['set-cookie']?.[0]
          if (setCookie) cookie = setCookie.split(';')[0]!
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(payload)
    })
  }

  return {
    send,
    async login() {
      const response = await send('POST', '/api/auth/login', benchAdmin)
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.body}`)
    },
    close: () => agent.destroy(),
  }
}
