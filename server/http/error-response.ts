// The one place an error becomes an HTTP response.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AppError, type ErrorBody } from '../../shared/errors.ts'
import type { Logger } from '../log.ts'

export function errorResponse(c: Context, error: unknown, log: Logger): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } }
    return c.json(body, error.status as ContentfulStatusCode)
  }
  log.error('unhandled error', { method: c.req.method, path: c.req.path, error })
  const body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on our side.' } }
  return c.json(body, 500)
}
