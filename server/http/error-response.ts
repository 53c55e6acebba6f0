// The one place an error becomes an HTTP response.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AppError, type ErrorBody } from '../../shared/errors.ts'
import { isDatabaseUnavailable } from '../db/database-unavailable.ts'
import type { Logger } from '../log.ts'

/** Seconds a client is asked to wait before sending again what was answered 503. */
export const retryAfterSeconds = 5

export function errorResponse(c: Context, error: unknown, log: Logger): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } }
    if (error.code === 'service_unavailable') c.header('Retry-After', String(retryAfterSeconds))
    return c.json(body, error.status as ContentfulStatusCode)
  }
  if (isDatabaseUnavailable(error)) {
    log.warn('answered 503: the database is not reachable', { method: c.req.method, path: c.req.path })
    const message = 'The helpdesk cannot reach its database right now; try again in a few seconds.'
    return errorResponse(c, new AppError('service_unavailable', message), log)
  }
  log.error('unhandled error', { method: c.req.method, path: c.req.path, error })
  const body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on our side.' } }
  return c.json(body, 500)
}
