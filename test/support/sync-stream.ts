// A client of GET /api/sync/stream as a browser's EventSource is: it reads the Server-Sent Events as they
// arrive, keeps them in order, and lets a test wait for the one it expects.
export interface StreamEvent {
  event: string
  data: any
  /** performance.now() when it was read. */
  receivedAt: number
}

export interface SyncStreamClient {
  readonly events: StreamEvent[]
  /** The first event from `from` (an index into events) on that passes `match`; rejects after `timeoutMs`. */
  next(match: (event: StreamEvent) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<StreamEvent>
  /** Resolves when the server ended the stream. */
  readonly ended: Promise<void>
  close(): void
}

export async function openSyncStream(
  baseUrl: string,
  auth: { cookie?: string | null; token?: string | null },
): Promise<SyncStreamClient> {
  const controller = new AbortController()
  const headers: Record<string, string> = {}
  if (auth.cookie) headers.cookie = auth.cookie
  if (auth.token) headers.authorization = `Bearer ${auth.token}`
  const response = await fetch(`${baseUrl}/api/sync/stream`, { headers, signal: controller.signal })
  if (response.status !== 200) throw new Error(`stream refused: ${response.status}`)
  const events: StreamEvent[] = []
  const waiters = new Set<() => void>()
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  const ended = (async () => {
    let text = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += decoder.decode(value, { stream: true })
        let end = text.indexOf('\n\n')
        while (end >= 0) {
          const block = text.slice(0, end)
          text = text.slice(end + 2)
          const event = block.match(/^event: (.*)$/m)?.[1] ?? 'message'
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n')
          events.push({ event, data: data ? JSON.parse(data) : null, receivedAt: performance.now() })
          end = text.indexOf('\n\n')
        }
        for (const wake of waiters) wake()
      }
    } catch {
      // Aborted by close().
    } finally {
      for (const wake of waiters) wake()
    }
  })()
  let closed = false
  void ended.then(() => {
    closed = true
  })
  return {
    events,
    ended,
    next(match, { from = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match)
          if (found) return finish(() => resolve(found))
          if (closed) finish(() => reject(new Error(`the stream ended; events: ${summary(events)}`)))
        }
        const finish = (settle: () => void) => {
          clearTimeout(timer)
          waiters.delete(check)
          settle()
        }
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no such event in ${timeoutMs} ms; events: ${summary(events)}`))),
          timeoutMs,
        )
        waiters.add(check)
        check()
      })
    },
    close: () => controller.abort(),
  }
}

function summary(events: readonly StreamEvent[]): string {
  return events.map((e) => `${e.event} ${JSON.stringify(e.data).slice(0, 120)}`).join(' | ')
}
