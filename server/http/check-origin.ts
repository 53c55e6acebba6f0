// Refuses a state-changing request (POST, PUT, PATCH, DELETE) sent by a page of another site, the
// sessions' cookie riding along (cross-site request forgery; SameSite=Lax does not stop a sibling site).
// Webhooks are exempt: they are called by servers and authenticated by a signature or a secret, never by
// a cookie, and the website form's endpoint is posted to from customers' sites by design.
import type { MiddlewareHandler } from 'hono'
import { AppError } from '../../shared/errors.ts'
import { isAllowedOrigin } from '../security/request-origin.ts'

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function checkOrigin(publicUrl: () => string): MiddlewareHandler {
  return async (c, next) => {
    if (!stateChanging.has(c.req.method) || c.req.path.startsWith('/webhooks/')) return next()
    const request = { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site'), host: c.req.header('host') }
    if (!isAllowedOrigin(request, publicUrl())) {
      throw new AppError('foreign_origin', `Requests from ${request.origin ?? 'another site'} are not accepted here.`)
    }
    return next()
  }
}
