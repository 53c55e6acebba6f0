// Parse at the edge: request bodies and query strings are checked against their zod schema once, here.
import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../../shared/errors.ts'
import { validate } from '../../shared/validate.ts'

/** The JSON body, validated; malformed JSON, a wrong content type or a schema mismatch is a clear 4xx. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.')
  }
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON.')
  }
  return validate(schema, value)
}

export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return validate(schema, c.req.query())
}
