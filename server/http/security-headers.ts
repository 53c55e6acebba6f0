// Headers every answer carries, and the Content-Security-Policy of the pages we serve. The app's policy
// allows only our own scripts (plus compiling PGlite's WebAssembly), our own styles, our own connections
// (REST, the change stream, the sockets) and images from us or any https CDN (Meta's attachment links);
// no inline script or style, no plugin, no framing by another site. Everything else (JSON, files) gets a
// policy that allows nothing, so a response opened as a page can never run anything.
import type { MiddlewareHandler } from 'hono'

export const appPagePolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const nothingPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Sets the headers on every answer; a route that set a policy of its own keeps it. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('X-Content-Type-Options', 'nosniff')
    // Links in messages lead to other sites: they learn nothing of where the agent was.
    headers.set('Referrer-Policy', 'no-referrer')
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', nothingPolicy)
    if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', 'DENY')
  }
}
