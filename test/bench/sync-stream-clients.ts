// Open inboxes as the bench sees them: one GET /api/sync/stream per browser, each told when a marked
// customer message becomes visible to it. `push` clients read it from the `tickets` event itself;
// `pull` clients do what browsers did before the push: on every `change`, pull GET /api/sync from their
// cursor (one pull at a time, again if a change came meanwhile) and look in the page.
import { request } from 'node:http'

export type ClientMode = 'push' | 'pull'

export interface StreamClients {
  /** Resolves when every stream is open (its first event read). */
  ready: Promise<void>
  close(): void
}

/** `seen(client, marker)` is called once per client and marker, at the moment the client could show it. */
export function openStreamClients(
  baseUrl: string,
  cookies: readonly string[],
  mode: ClientMode,
  marker: RegExp,
  seen: (client: number, marker: string) => void,
): StreamClients {
  const base = new URL(baseUrl)
  const closers: (() => void)[] = []
  const opened = cookies.map((cookie, client) => {
    const found = new Set<string>()
    const look = (text: string) => {
      for (const match of text.matchAll(marker)) {
        if (found.has(match[0])) continue
        found.add(match[0])
        seen(client, match[0])
      }
    }
    const puller = mode === 'pull' ? createPuller(base, cookie, look) : null
    return new Promise<void>((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, path: '/api/sync/stream', headers: { cookie } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${client}: HTTP ${res.statusCode}`))
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
          for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
            const block = text.slice(0, end)
            text = text.slice(end + 2)
            if (block.startsWith('event: change')) {
              resolve()
              puller?.pull()
            } else if (mode === 'push' && block.startsWith('event: tickets')) look(block)
          }
        })
      })
      req.on('error', reject)
      req.end()
      closers.push(() => req.destroy())
    })
  })
  return {
    ready: Promise.all(opened).then(() => {}),
    close: () => {
      for (const close of closers) close()
    },
  }
}

function createPuller(base: URL, cookie: string, look: (text: string) => void) {
  let cursor = ''
  let pulling = false
  let again = false
  const page = () =>
    new Promise<string>((resolve, reject) => {
      const path = `/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`
      const req = request({ host: base.hostname, port: base.port, path, headers: { cookie } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve(body))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    })
  async function pull(): Promise<void> {
    if (pulling) {
      again = true
      return
    }
    pulling = true
    try {
      do {
        again = false
        for (let pages = 0; pages < 20; pages++) {
          const body = await page()
          look(body)
          const parsed = JSON.parse(body) as { cursor: string; more: boolean }
          cursor = parsed.cursor
          if (!parsed.more) break
        }
      } while (again)
    } catch {
      // A failed pull is retried on the next change.
    } finally {
      pulling = false
    }
  }
  return { pull: () => void pull() }
}
