// Parse at the edge: request bodies and query strings are read here, once. JSON deeper than
// maxJsonDepth is refused before it is parsed; every string is made storable (a NUL or a lone surrogate
// becomes U+FFFD, see db/storable-text.ts) before the schema checks it, so no handler ever holds text
// the database would refuse.
import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../../shared/errors.ts'
import { validate } from '../../shared/validate.ts'
import { storable } from '../db/storable-text.ts'
import { cutDeepJson, maxJsonDepth } from './json-depth.ts'

/** The JSON body, validated; malformed JSON, a wrong content type or a schema mismatch is a clear 4xx. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.')
  }
  const text = await c.req.text()
  if (cutDeepJson(text).cut) throw new AppError('invalid_input', `The body is nested deeper than ${maxJsonDepth} levels.`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON.')
  }
  return validate(schema, storable(value))
}

/** A form post's text fields (files are not read); parts of a broken body are a 400. */
export async function readFormFields(c: Context): Promise<Record<string, string>> {
  let body: Record<string, unknown>
  try {
    body = await c.req.parseBody()
  } catch {
    throw new AppError('invalid_input', 'The form body could not be read.')
  }
  return storable(
    Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  )
}

export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return validate(schema, storable(c.req.query()))
}
