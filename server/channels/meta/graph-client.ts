// Calls to Meta's Graph API at META_GRAPH_URL. A request that got no answer in time may still have
// been delivered, so it is reported as final, never retried.
import type { Logger } from '../../log.ts'
import { type GraphFailure, readGraphFailure } from './graph-error.ts'
import type { GraphCall } from './graph-request.ts'

export type GraphResult = { ok: true; body: Record<string, unknown> } | ({ ok: false } & GraphFailure)

export interface GraphClient {
  send(call: GraphCall): Promise<GraphResult>
  /** GET of a Graph object (a WhatsApp media id) with a Bearer token. */
  read(path: string, token: string): Promise<GraphResult>
  /** The bytes at a media URL Meta gave, with a Bearer token; null when refused or too large. */
  download(url: string, token: string, maxBytes: number): Promise<{ bytes: Buffer; mimeType: string } | null>
}

export function createGraphClient(options: { baseUrl: string; log: Logger; timeoutMs?: number }): GraphClient {
  const baseUrl = options.baseUrl.replace(/\/$/, '')
  const timeoutMs = options.timeoutMs ?? 20_000
  return {
    async send(call) {
      const url = new URL(baseUrl + call.path)
      for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value)
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${call.token}` }
      let response: Response
      try {
        response = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(call.json ?? {}),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED'
        options.log.warn('Graph API call failed', { path: call.path, error })
        // Refused: nothing was sent, so another try is safe. Anything else may have been delivered.
        return refused
          ? { ok: false, transient: true, code: null, reason: 'Could not reach Meta; will try again.' }
          : {
              ok: false,
              transient: false,
              code: null,
              reason: 'No answer from Meta in time; not sent again to avoid a duplicate.',
            }
      }
      const text = await response.text()
      let body: unknown = null
      try {
        body = text ? JSON.parse(text) : null
      } catch {}
      if (response.ok && body && typeof body === 'object') return { ok: true, body: body as Record<string, unknown> }
      return { ok: false, ...readGraphFailure(response.status, body) }
    },
    async read(path, token) {
      try {
        const response = await fetch(baseUrl + path, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(timeoutMs),
        })
        const body = (await response.json().catch(() => null)) as unknown
        if (response.ok && body && typeof body === 'object') return { ok: true, body: body as Record<string, unknown> }
        return { ok: false, ...readGraphFailure(response.status, body) }
      } catch (error) {
        options.log.warn('Graph API read failed', { path, error })
        return { ok: false, transient: true, code: null, reason: 'Could not reach Meta.' }
      }
    },
    async download(url, token, maxBytes) {
      try {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(timeoutMs * 3),
        })
        if (!response.ok || !response.body) return null
        if (Number(response.headers.get('content-length') ?? 0) > maxBytes) return null
        const bytes = Buffer.from(await response.arrayBuffer())
        if (bytes.length > maxBytes) return null
        return { bytes, mimeType: response.headers.get('content-type') ?? 'application/octet-stream' }
      } catch (error) {
        options.log.warn('media download failed', { error })
        return null
      }
    },
  }
}
