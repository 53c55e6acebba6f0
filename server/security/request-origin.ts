// Whether a browser request comes from a page we trust. A browser names the page's origin in `Origin` on
// every state-changing request and every websocket upgrade, and no page can forge it; `Sec-Fetch-Site`
// says the same in other words. A request with neither comes from no browser page (API clients, servers)
// and carries no ambient cookie of a victim's, so it is let through to its own authentication.
// Our own origin is the public URL's or the one the request was addressed to (its Host); a sibling site
// (same registrable domain, another origin) is as foreign as any other.
import type { IncomingMessage } from 'node:http'

export interface OriginHeaders {
  origin?: string | null
  secFetchSite?: string | null
  host?: string | null
}

export function isAllowedOrigin(
  request: OriginHeaders,
  publicUrl: string,
  /** Other sites allowed here (a chat channel's websites), or 'any site' for endpoints open to the web. */
  others: readonly string[] | 'any' = [],
): boolean {
  const site = request.secFetchSite?.toLowerCase()
  if (!request.origin) return !site || site === 'same-origin' || site === 'none'
  const origin = originOf(request.origin)
  // "null": a sandboxed frame, a data: page, a redirect across sites; never one of ours.
  if (!origin) return false
  const own = origin === originOf(publicUrl) || (!!request.host && new URL(origin).host === request.host.toLowerCase())
  if (own && (!site || site === 'same-origin')) return true
  return others === 'any' || others.includes(origin)
}

/** The origin of a URL (`https://shop.example`), or null for "null", a non-web scheme or nonsense. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null
  } catch {
    return null
  }
}

/** The headers that say where a Node request (a websocket upgrade) comes from. */
export function originHeadersOf(req: IncomingMessage): OriginHeaders {
  const header = (name: string) => {
    const value = req.headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  return { origin: header('origin'), secFetchSite: header('sec-fetch-site'), host: header('host') }
}
